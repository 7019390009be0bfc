import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewStore } from '../../src/admin/reviewStore.js';
import { AgentService } from '../../src/agents/AgentService.js';
import { agentCommand } from '../../src/cli/agentCommand.js';
import { knowledgeCommand } from '../../src/cli/knowledgeCommand.js';
import { unansweredExportCommand } from '../../src/cli/unansweredCommand.js';
import { loadDomain, type Domain } from '../../src/loadDomain.js';
import { KyselyUnansweredLog } from '../../src/understanding/unansweredLog.js';
import { sqliteFactory } from '../storage/databaseFactories.js';
import { memoryIo } from './cliHarness.js';

const factory = sqliteFactory();
let domain: Domain;
const dir = mkdtempSync(join(tmpdir(), 'kb-import-'));

beforeAll(async () => {
  domain = loadDomain('knowledge');
  const handle = await factory.open();
  const log = new KyselyUnansweredLog(handle.db);
  const candidates = [{ policy: 'standard-service', section: '服务内容', quote: '硬件质保服务', score: 3 }];
  await log.record({
    conversationId: 'c1',
    kind: 'abstained',
    text: '关于保修我有点疑问，电话13912345678',
    intent: 'policy_question',
    confidence: 0.2,
    candidates,
  });
  await log.record({
    conversationId: 'c2',
    kind: 'abstained',
    text: '关于保修我有点疑问呢',
    intent: 'policy_question',
    confidence: 0.2,
    candidates,
  });
  await log.record({
    conversationId: 'c3',
    kind: 'out_of_scope',
    text: '帮我写个定时备份数据库的shell脚本',
    intent: 'out_of_scope',
    confidence: 0.9,
    candidates: [],
  });
  await handle.close();
}, 30_000);
afterAll(() => factory.dispose());

const importFile = (lines: unknown[]): string => {
  const file = join(dir, `review-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
};
const runImport = (file: string) =>
  knowledgeCommand(['import', file], memoryIo().io, { openDb: () => factory.open(), domain: () => domain });

async function exported(): Promise<
  Array<{ id: number; question: string; count: number; wordings: string[]; policy: null }>
> {
  const { io, out } = memoryIo();
  expect(await unansweredExportCommand(io, () => factory.open())).toBe(0);
  return out()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('cli: unanswered export, knowledge import and export', () => {
  it('when questions were logged, then export groups similar ones with counts and masks the phone number', async () => {
    const lines = await exported();
    const group = lines.find((l) => l.question.startsWith('关于保修'));
    expect(group?.count).toBe(2);
    expect(JSON.stringify(lines)).not.toContain('13912345678');
    expect(group?.question).toContain('[电话]');
  });

  it('when a reviewed line names a clause no policy has, then the import is refused and nothing is stored', async () => {
    const file = importFile([{ question: '随便问问', policy: 'standard-service', clause: '没有这样的条款文字' }]);
    await expect(runImport(file)).rejects.toMatchObject({ code: 'bad_request' });
    const handle = await factory.open();
    expect((await new ReviewStore(handle.db).reviewed()).alternatives).toEqual([]);
    await handle.close();
  });

  it('when the reviewed export is imported, then the wording and the out-of-scope example are stored, the groups closed, the change audited and knowledge export lists them', async () => {
    const lines = await exported();
    const reviewed = lines.map((l) =>
      l.question.startsWith('关于保修')
        ? { ...l, policy: 'standard-service', clause: '硬件质保服务' }
        : { ...l, policy: undefined, clause: undefined, outOfScope: true },
    );
    expect(await runImport(importFile(reviewed))).toBe(0);
    const handle = await factory.open();
    const store = new ReviewStore(handle.db);
    const knowledge = await store.reviewed();
    expect(knowledge.alternatives).toMatchObject([{ policy: 'standard-service', clause: '硬件质保服务' }]);
    expect(knowledge.outOfScope).toEqual(['帮我写个定时备份数据库的shell脚本']);
    expect(await store.openQuestions()).toEqual([]);
    expect((await store.audit()).map((a) => a.action)).toEqual(['import', 'import']);
    expect((await store.audit())[0]?.actor).toMatch(/^cli:/);
    await handle.close();
    const { io, out } = memoryIo();
    expect(await knowledgeCommand(['export'], io, { openDb: () => factory.open(), domain: () => domain })).toBe(0);
    expect(
      out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { question: '关于保修我有点疑问，电话[电话]', policy: 'standard-service', clause: '硬件质保服务' },
      { question: '帮我写个定时备份数据库的shell脚本', outOfScope: true },
    ]);
    const rebuilt = domain.rebuild(knowledge);
    expect(rebuilt.knowledge.answer('关于保修我有点疑问').citations.map((c) => c.quote)).toContain('硬件质保服务');
  });
});

describe('cli: agent add --role', () => {
  it('when an account is added with --role admin, then its session carries the admin role; without it, the agent role', async () => {
    expect(
      await agentCommand(
        ['add', 'lead'],
        { ...memoryIo().io, stdin: Readable.from(['lead-password\n']) },
        () => factory.open(),
        { role: 'admin' },
      ),
    ).toBe(0);
    expect(
      await agentCommand(['add', 'zhao'], { ...memoryIo().io, stdin: Readable.from(['zhao-password\n']) }, () =>
        factory.open(),
      ),
    ).toBe(0);
    const handle = await factory.open();
    const agents = new AgentService(handle.db, { tokenSecret: 'x'.repeat(20), tokenTtlMinutes: 5 });
    expect((await agents.authenticate((await agents.login('lead', 'lead-password')).token)).role).toBe('admin');
    expect((await agents.authenticate((await agents.login('zhao', 'zhao-password')).token)).role).toBe('agent');
    await handle.close();
  });

  it('when the role is unknown, then the command prints its usage and exits 2', async () => {
    const { io, err } = memoryIo();
    expect(await agentCommand(['add', 'sun'], io, () => factory.open(), { role: 'root' })).toBe(2);
    expect(err()).toContain('--role');
  });
});
