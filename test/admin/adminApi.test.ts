import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, post, startApp, type RunningApp } from '../app/appServer.js';
import { adminCall, groupsSchema, localToday, loginAs, statsSchema } from './support/adminHttp.js';

let app: RunningApp;
let dataDir: string;
let admin: string;
let agent: string;

/** Scripted conversations whose outcomes are known (see src/admin/conversationOutcome.ts). */
const SCRIPT: Array<{ id: string; says: string[]; outcome: string }> = [
  { id: 'c-contained-1', says: ['热插拔硬盘坏了是寄新的吗'], outcome: 'contained' },
  { id: 'c-contained-2', says: ['网卡保修几年'], outcome: 'contained' },
  { id: 'c-abstained', says: ['关于保修我有点疑问，13912345678'], outcome: 'abstained' },
  { id: 'c-out-of-scope', says: ['你们家两路的服务器现在什么价，给推荐个配置'], outcome: 'outOfScope' },
  { id: 'c-handed-off', says: ['网卡保修几年', '转人工'], outcome: 'handedOff' },
];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'admin-api-'));
  // A one-question dev set the preview runs: the bot answers it rightly today.
  const devSet = join(dataDir, 'dev.jsonl');
  writeFileSync(
    devSet,
    `${JSON.stringify({ id: 'card', text: '保修卡丢了怎么办', intent: 'policy_question', expect: ['认真阅读保修承诺和随机资料'] })}\n`,
  );
  app = await startApp(dataDir, { EVAL_FILES: devSet });
  admin = await loginAs(app.baseUrl, app.built, 'lead', 'admin');
  agent = await loginAs(app.baseUrl, app.built, 'wang', 'agent');
  for (const c of SCRIPT)
    for (const text of c.says) expect((await post(app.baseUrl, messageActivity(c.id, text))).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('admin routes: roles', () => {
  const routes: Array<[string, string]> = [
    ['GET', `/api/admin/stats?from=2026-01-01&to=2026-01-02`],
    ['GET', '/api/admin/unanswered'],
    ['POST', '/api/admin/unanswered/1/dismiss'],
    ['POST', '/api/admin/unanswered/1/link'],
    ['POST', '/api/admin/unanswered/1/out-of-scope'],
    ['POST', '/api/admin/unanswered/1/preview'],
    ['GET', '/api/admin/audit'],
    ['GET', '/api/admin/anything-else'],
  ];

  it('when an admin route is called without a token, then it answers 401', async () => {
    for (const [method, path] of routes)
      expect((await adminCall(app.baseUrl, undefined, method, path)).status, path).toBe(401);
  });

  it("when an admin route is called with an agent's token, then it answers 403", async () => {
    for (const [method, path] of routes)
      expect((await adminCall(app.baseUrl, agent, method, path)).status, path).toBe(403);
  });

  it('when the period is malformed or reversed, then stats answers 400 naming the field', async () => {
    const bad = await adminCall(app.baseUrl, admin, 'GET', '/api/admin/stats?from=2026-13-01&to=2026-12-02');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
    expect((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/stats?from=2026-12-02&to=2026-12-01')).status).toBe(
      400,
    );
  });
});

describe('GET /api/admin/stats', () => {
  it('when scripted conversations with known outcomes ran today, then each is counted under exactly its outcome and the rates add up to 100', async () => {
    const today = localToday();
    const res = await adminCall(app.baseUrl, admin, 'GET', `/api/admin/stats?from=${today}&to=${today}`);
    expect(res.status).toBe(200);
    const stats = statsSchema.parse(res.body);
    const expected = (o: string) => SCRIPT.filter((c) => c.outcome === o).length;
    expect(stats).toMatchObject({
      conversations: SCRIPT.length,
      contained: expected('contained'),
      abstained: expected('abstained'),
      outOfScope: expected('outOfScope'),
      handedOff: expected('handedOff'),
    });
    const { contained, handedOff, abstained, outOfScope } = stats.rates;
    expect(Math.round((contained + handedOff + abstained + outOfScope) * 10)).toBe(1000);
    const [day] = stats.days;
    expect(day?.conversations).toBe(SCRIPT.length);
    expect(day?.topIntents.find((i) => i.intent === 'policy_question')?.count).toBeGreaterThanOrEqual(3);
    expect(day?.topClauses.map((c) => c.clause)).toContain('rongke-server › 服务方式 › 发货更换');
    expect(day?.topUnanswered.some((u) => u.text.includes('[电话]'))).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('13912345678');
  });

  it('when no period is named, then the last seven days of the desk’s calendar up to its today are reported', async () => {
    const res = await adminCall(app.baseUrl, admin, 'GET', '/api/admin/stats');
    expect(res.status).toBe(200);
    const stats = statsSchema.parse(res.body);
    expect(stats.days.map((d) => d.date)).toHaveLength(7);
    expect(stats.days.at(-1)?.date).toBe(localToday());
    expect(stats.conversations).toBe(SCRIPT.length);
  });

  it('when the period has no conversations, then every figure is zero and the days are still listed', async () => {
    const stats = statsSchema.parse(
      (await adminCall(app.baseUrl, admin, 'GET', '/api/admin/stats?from=2020-02-27&to=2020-03-01')).body,
    );
    expect(stats.conversations).toBe(0);
    expect(stats.days.map((d) => d.date)).toEqual(['2020-02-27', '2020-02-28', '2020-02-29', '2020-03-01']);
  });
});

describe('the unanswered inbox', () => {
  it('when a logged question is linked to a clause, then the bot answers it from that clause and the audit log records who did it', async () => {
    const { groups } = groupsSchema.parse((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/unanswered')).body);
    const group = groups.find((g) => g.text.startsWith('关于保修我有点疑问'));
    expect(group?.text).toContain('[电话]');
    expect(group?.candidates.length).toBeGreaterThan(0);
    const before = await post(app.baseUrl, messageActivity('c-before', '关于保修我有点疑问'));
    expect(before.texts).toContain('您是想问');
    const linked = await adminCall(app.baseUrl, admin, 'POST', `/api/admin/unanswered/${group?.id}/link`, {
      policy: 'standard-service',
      clause: '硬件质保服务',
    });
    expect(linked.status).toBe(200);
    const after = await post(app.baseUrl, messageActivity('c-after', '关于保修我有点疑问'));
    expect(after.texts).toContain('「硬件质保服务」');
    const remaining = groupsSchema.parse((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/unanswered')).body);
    expect(remaining.groups.some((g) => g.id === group?.id)).toBe(false);
    const audit = await adminCall(app.baseUrl, admin, 'GET', '/api/admin/audit');
    expect(JSON.stringify(audit.body)).toMatch(/"actor":"lead","action":"link"/);
  });

  it('when the clause named is in no policy, then linking answers 400 and nothing changes', async () => {
    const { groups } = groupsSchema.parse((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/unanswered')).body);
    const id = groups[0]?.id;
    const res = await adminCall(app.baseUrl, admin, 'POST', `/api/admin/unanswered/${id}/link`, {
      policy: 'standard-service',
      clause: '这句话不在任何条款里',
    });
    expect(res.status).toBe(400);
    const again = groupsSchema.parse((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/unanswered')).body);
    expect(again.groups.some((g) => g.id === id)).toBe(true);
  });

  it('when a group is dismissed, then it leaves the inbox and the audit log records it', async () => {
    const { groups } = groupsSchema.parse((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/unanswered')).body);
    const id = groups[0]?.id;
    expect((await adminCall(app.baseUrl, admin, 'POST', `/api/admin/unanswered/${id}/dismiss`)).status).toBe(200);
    const after = groupsSchema.parse((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/unanswered')).body);
    expect(after.groups.some((g) => g.id === id)).toBe(false);
    expect(JSON.stringify((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/audit')).body)).toContain(
      '"action":"dismiss"',
    );
  });
});

describe('previewing a change on the evaluation data', () => {
  it('when a link would make a rightly answered dev question wrong, then the preview lists it and the link needs confirmation', async () => {
    await app.built.services.unanswered.record({
      conversationId: 'c-seed',
      kind: 'low_confidence',
      text: '保修卡丢了怎么办',
      intent: 'policy_question',
      confidence: 0.5,
      candidates: [],
    });
    const { groups } = groupsSchema.parse((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/unanswered')).body);
    const id = groups.find((g) => g.text === '保修卡丢了怎么办')?.id;
    const wrongClause = { policy: 'standard-service', clause: '软件质保服务' };
    const preview = await adminCall(app.baseUrl, admin, 'POST', `/api/admin/unanswered/${id}/preview`, wrongClause);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      rightBefore: expect.any(Number),
      broken: [{ id: 'card', text: '保修卡丢了怎么办', after: '软件质保服务' }],
    });
    const refused = await adminCall(app.baseUrl, admin, 'POST', `/api/admin/unanswered/${id}/link`, wrongClause);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('"broken"');
    expect((await post(app.baseUrl, messageActivity('c-card-1', '保修卡丢了怎么办'))).texts).not.toContain(
      '「软件质保服务」',
    );
    const confirmed = await adminCall(app.baseUrl, admin, 'POST', `/api/admin/unanswered/${id}/link`, {
      ...wrongClause,
      confirm: true,
    });
    expect(confirmed.status).toBe(200);
    expect((await post(app.baseUrl, messageActivity('c-card-2', '保修卡丢了怎么办'))).texts).toContain(
      '「软件质保服务」',
    );
  });
});

describe('adding a synonym from an unanswered question', () => {
  it("when the lead says the question's word means the policies' word, then the bot answers the question, and a word not in the question is refused", async () => {
    expect((await post(app.baseUrl, messageActivity('c-refund-1', '能包退吗'))).texts).not.toContain(
      '根据保修政策原文',
    );
    const { groups } = groupsSchema.parse((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/unanswered')).body);
    const id = groups.find((g) => g.text === '能包退吗')?.id;
    expect(
      (
        await adminCall(app.baseUrl, admin, 'POST', `/api/admin/unanswered/${id}/synonym`, {
          word: '包换',
          canonical: '换货',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await adminCall(app.baseUrl, admin, 'POST', `/api/admin/unanswered/${id}/synonym`, {
          word: '包退',
          canonical: '退货',
        })
      ).status,
    ).toBe(200);
    const after = (await post(app.baseUrl, messageActivity('c-refund-2', '能包退吗'))).texts;
    expect(after).toContain('根据保修政策原文');
    expect(JSON.stringify((await adminCall(app.baseUrl, admin, 'GET', '/api/admin/audit')).body)).toMatch(
      /"action":"synonym".*"word":"包退","canonical":"退货"/,
    );
  });
});
