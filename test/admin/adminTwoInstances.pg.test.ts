import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unansweredExportCommand } from '../../src/cli/unansweredCommand.js';
import { openDatabase } from '../../src/storage/openDatabase.js';
import { messageActivity, post } from '../app/appServer.js';
import { memoryIo } from '../cli/cliHarness.js';
import type { RunningApp } from '../web/startApp.js';
import { adminCall, groupsSchema, loginAs } from './support/adminHttp.js';
import { testSchema } from '../support/pgSchema.js';
import { startTwoInstances, type TwoInstances } from '../web/twoInstances.js';

const schema = testSchema('admin');

let a: RunningApp;
let b: RunningApp;
let instances: TwoInstances | undefined;
let lead: string;
let n = 0;

/** Asks on one instance in a fresh conversation; returns the reply texts. */
async function ask(app: RunningApp, text: string): Promise<string> {
  n += 1;
  const res = await post(app.baseUrl, messageActivity(`pg-ask-${n}`, text));
  expect(res.status).toBe(200);
  return res.texts;
}

beforeAll(async () => {
  instances = await startTwoInstances(schema);
  ({ a, b } = instances);
  lead = await loginAs(a.baseUrl, a.built, 'lead.zhou', 'admin');
}, 60_000);

afterAll(async () => {
  await instances?.stop();
});

describe('the unanswered inbox on two instances sharing PostgreSQL', () => {
  it('when the lead links a logged question to a clause on A, then A and B both answer it and a close paraphrase, and the audit log records it', async () => {
    const question = '关于保修我有点疑问';
    const paraphrase = '我对保修还有点疑问';
    expect(await ask(a, `${question}，13912345678`)).toContain('您是想问');
    for (const app of [a, b])
      for (const text of [question, paraphrase]) expect(await ask(app, text), text).not.toContain('「硬件质保服务」');

    // cli unanswered export shows the question with its phone number masked.
    const { io, out } = memoryIo();
    expect(
      await unansweredExportCommand(io, () =>
        openDatabase({ DATA_DIR: '/nonexistent', DATABASE_URL: schema.databaseUrl }),
      ),
    ).toBe(0);
    expect(out()).toContain(`${question}，[电话]`);
    expect(out()).not.toContain('13912345678');

    const { groups } = groupsSchema.parse((await adminCall(b.baseUrl, lead, 'GET', '/api/admin/unanswered')).body);
    const group = groups.find((g) => g.text.startsWith(question));
    expect(group).toBeDefined();
    const linked = await adminCall(a.baseUrl, lead, 'POST', `/api/admin/unanswered/${group?.id}/link`, {
      policy: 'standard-service',
      clause: '硬件质保服务',
    });
    expect(linked.status).toBe(200);

    for (const text of [question, paraphrase]) expect(await ask(a, text), `A: ${text}`).toContain('「硬件质保服务」');
    // B hears through LISTEN/NOTIFY and reloads from the store.
    for (const text of [question, paraphrase])
      await expect.poll(() => ask(b, text), { timeout: 15_000, interval: 300 }).toContain('「硬件质保服务」');

    const audit = await adminCall(b.baseUrl, lead, 'GET', '/api/admin/audit');
    expect(audit.body).toMatchObject({
      entries: [
        {
          actor: 'lead.zhou',
          action: 'link',
          detail: { policy: 'standard-service', clause: '硬件质保服务', question: `${question}，[电话]` },
        },
      ],
    });
  });
});
