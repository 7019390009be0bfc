import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { askCommand } from '../../src/cli/askCommand.js';
import { buildRuntime, type Runtime } from '../../src/cli/runtime.js';
import { memoryIo } from './cliHarness.js';

let runtime: Runtime;
beforeAll(() => {
  runtime = buildRuntime('knowledge');
});

const policyText = ['knowledge/policies/standard-service/policy.md', 'knowledge/policies/rongke-server/policy.md']
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('ask', () => {
  it('when asked a policy question, then it prints the answer with each citation place and verbatim quote', () => {
    const { io, out } = memoryIo();
    expect(askCommand(runtime, io, '上海的客户上门服务要等多久', false)).toBe(0);
    const text = out();
    expect(text).toContain('依据：');
    const cited = [...text.matchAll(/〔(.+?)〕(.+)/g)];
    expect(cited.length).toBeGreaterThan(0);
    for (const [, section, quote] of cited) {
      expect(section).toContain('›');
      expect(policyText).toContain(quote);
    }
  });

  it('when --json is given, then the knowledge answer is printed as one JSON object', () => {
    const { io, out } = memoryIo();
    askCommand(runtime, io, '发票丢了怎么确定保修期', true);
    const answer = JSON.parse(out());
    expect(['answered', 'ambiguous', 'unsure']).toContain(answer.kind);
    expect(Array.isArray(answer.citations)).toBe(true);
  });

  it('when the question is missing, overlong or malformed, then exit 2 with a clear message', () => {
    const none = memoryIo();
    expect(askCommand(runtime, none.io, undefined, false)).toBe(2);
    expect(none.err()).toMatch(/usage/);
    const long = memoryIo();
    expect(askCommand(runtime, long.io, '保'.repeat(2001), false)).toBe(2);
    expect(long.err()).toMatch(/too long/);
    const broken = memoryIo();
    expect(askCommand(runtime, broken.io, 'a\ud800b', false)).toBe(2);
    expect(broken.err()).toMatch(/Unicode/);
  });
});
