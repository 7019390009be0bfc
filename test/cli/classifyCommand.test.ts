import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyCommand } from '../../src/cli/classifyCommand.js';
import { buildRuntime, type Runtime } from '../../src/cli/runtime.js';
import { memoryIo, runCliProcess } from './cliHarness.js';

let runtime: Runtime;
beforeAll(() => {
  runtime = buildRuntime('knowledge');
});

const policyText = ['knowledge/policies/standard-service/policy.md', 'knowledge/policies/rongke-server/policy.md']
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const lines = (s: string): unknown[] =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('classify', () => {
  it('when lines are good and bad, then every line gets one output line in order and the run goes on', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: '服务器的内存条质保多长时间' }),
      '{not json',
      JSON.stringify({ id: 'b' }),
      JSON.stringify({ id: 'c', text: '坏'.repeat(3000) }),
      JSON.stringify({ id: 'd', text: 'bad \ud800 surrogate' }),
      JSON.stringify({ id: 'e', text: 'ctrl \u0007 char' }),
      JSON.stringify({ id: 7, text: '你好' }),
    ].join('\n');
    const { io, out } = memoryIo(input);
    expect(await classifyCommand(runtime, io)).toBe(0);
    const rows = lines(out());
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({ id: 'a', intent: 'policy_question' });
    expect(rows[1]).toMatchObject({ id: null, error: expect.stringContaining('not valid JSON') });
    expect(rows[2]).toMatchObject({ id: 'b', error: expect.stringContaining('text') });
    expect(rows[3]).toMatchObject({ id: 'c', error: expect.stringContaining('too long') });
    expect(rows[4]).toMatchObject({ id: 'd', error: expect.stringContaining('Unicode') });
    expect(rows[5]).toMatchObject({ id: 'e', error: expect.stringContaining('control') });
    expect(rows[6]).toMatchObject({ id: 7, intent: 'greeting', answer: null, citations: [] });
  });

  it('when a policy question is classified, then the answer carries citations quoted verbatim from the policies', async () => {
    const { io, out } = memoryIo(JSON.stringify({ id: 'q', text: '摔坏的硬盘能不能免费保修' }) + '\n');
    await classifyCommand(runtime, io);
    const [row] = lines(out());
    expect(row).toMatchObject({ id: 'q', intent: 'policy_question', answer: expect.any(String) });
    const citations = (row as { citations: Array<{ policy: string; section: string; quote: string }> }).citations;
    expect(citations.length).toBeGreaterThan(0);
    for (const c of citations) {
      expect(policyText).toContain(c.quote);
      expect(c.section.length).toBeGreaterThan(0);
    }
  });

  it('when a message is not a policy question, then answer is null and citations empty', async () => {
    const { io, out } = memoryIo(
      [JSON.stringify({ id: 1, text: '麻烦转人工' }), JSON.stringify({ id: 2, text: '周末去哪儿玩比较好' })].join('\n'),
    );
    await classifyCommand(runtime, io);
    for (const row of lines(out())) expect(row).toMatchObject({ answer: null, citations: [] });
  });

  it('when stdin is empty, then the exit code is non-zero and stderr says why', async () => {
    const { io, err, out } = memoryIo('');
    expect(await classifyCommand(runtime, io)).not.toBe(0);
    expect(err()).toMatch(/no input/);
    expect(out()).toBe('');
  });

  it('when no line is usable, then error lines are written and the exit code is non-zero', async () => {
    const { io, out } = memoryIo('garbage\n{"id":"x"}\n');
    expect(await classifyCommand(runtime, io)).not.toBe(0);
    expect(lines(out())).toHaveLength(2);
  });
});

describe('classify as a process', () => {
  it('when run beside a .env file, then stdout is pure JSON Lines (no dotenv banner) and exit is 0', () => {
    const input = [
      JSON.stringify({ id: 'p1', text: '硬盘坏了保修吗' }),
      'oops',
      JSON.stringify({ id: 'p2', text: '拜拜' }),
    ].join('\n');
    const { status, stdout } = runCliProcess(['classify'], input);
    expect(status).toBe(0);
    const outLines = stdout.trim().split('\n');
    expect(outLines).toHaveLength(3);
    for (const l of outLines) expect(() => JSON.parse(l)).not.toThrow();
    expect(stdout).not.toMatch(/dotenv|injected env/);
  });

  it('when stdin is empty, then the process exits non-zero', () => {
    expect(runCliProcess(['classify'], '').status).not.toBe(0);
  });
});
