import { beforeAll, describe, expect, it } from 'vitest';
import { evalCommand } from '../../src/cli/evalCommand.js';
import { isKnowledgeHit, normalizeForMatch } from '../../src/cli/evalMetrics.js';
import { buildRuntime, type Runtime } from '../../src/cli/runtime.js';
import { jsonlFile, memoryIo, runCliProcess } from './cliHarness.js';

let runtime: Runtime;
beforeAll(() => {
  runtime = buildRuntime('knowledge');
});

// A small labelled set written for this test; one label is deliberately wrong so a miss must show.
const rows = [
  { id: 'e1', text: '服务器内存的保修期限是多久', intent: ['policy_question'], expect: ['三年保修'] },
  { id: 'e2', text: '你好呀', intent: ['greeting'], expect: [] },
  { id: 'e3', text: '麻烦转人工客服', intent: ['human_agent'], expect: [] },
  { id: 'e4', text: '再会啦', intent: ['cancel'], expect: [] },
  { id: 'e5', text: '笔记本风扇坏了，尽快派人来修', intent: ['report_fault'], expect: [] },
];

describe('eval', () => {
  it('when a labelled file is evaluated, then the report shows accuracy, per-intent precision/recall, confusion matrix and the misses', async () => {
    const { io, out, err } = memoryIo();
    const code = await evalCommand(runtime, io, { file: jsonlFile(rows) });
    expect(code).toBe(0);
    const report = out();
    expect(report).toMatch(/intent accuracy 4\/5 = 0\.800/);
    expect(report).toMatch(/kb hit rate 1\/1 = 1\.000/);
    expect(report).toMatch(/precision\s+recall/);
    expect(report).toMatch(/confusion matrix/);
    expect(report).toMatch(/intent\s+e4 "再会啦": want \["cancel"\] got "goodbye"/);
    expect(err()).toMatch(/eval \[#+\] 5\/5/);
  });

  it('when --json is given, then the report is one JSON object with per-intent stats and the confusion matrix', async () => {
    const { io, out } = memoryIo();
    await evalCommand(runtime, io, { file: jsonlFile(rows), json: true });
    const report = JSON.parse(out());
    expect(report.total).toBe(5);
    expect(report.perIntent.cancel).toMatchObject({ support: 1, correct: 0, recall: 0 });
    expect(report.perIntent.greeting).toMatchObject({ precision: 1, recall: 1 });
    expect(report.confusion.cancel.goodbye).toBe(1);
    expect(report.misses).toContainEqual(expect.objectContaining({ kind: 'intent', id: 'e4' }));
  });

  it('when accuracy is below --min-intent, then the exit code is 1; at or above, 0', async () => {
    const file = jsonlFile(rows);
    expect(await evalCommand(runtime, memoryIo().io, { file, minIntent: 0.9 })).toBe(1);
    expect(await evalCommand(runtime, memoryIo().io, { file, minIntent: 0.8, minKb: 1 })).toBe(0);
  });

  it('when the file is missing or has no usable line, then the exit code is 2 with a clear message', async () => {
    const missing = memoryIo();
    expect(await evalCommand(runtime, missing.io, { file: '/nonexistent/set.jsonl' })).toBe(2);
    expect(missing.err()).toMatch(/file not found/);
    const junk = memoryIo();
    expect(
      await evalCommand(runtime, junk.io, { file: jsonlFile([{ id: 'x', text: '你好', intent: ['nonsense'] }]) }),
    ).toBe(2);
    expect(junk.err()).toMatch(/no usable labelled line/);
  });

  it('when some lines are bad, then they are reported and the rest is scored', async () => {
    const { io, out } = memoryIo();
    await evalCommand(runtime, io, { file: jsonlFile([...rows, { id: 'bad' }]) });
    expect(out()).toMatch(/unusable lines: 1/);
    expect(out()).toMatch(/intent accuracy 4\/5/);
  });
});

describe('knowledge hit rule', () => {
  it('when expect differs only in punctuation or width, then it still counts, like score_nlu.py', () => {
    expect(normalizeForMatch('网线，电源线等（附件）')).toBe('网线电源线等附件');
    const result = {
      intent: 'policy_question' as const,
      confidence: 1,
      answer: null,
      citations: [
        {
          policy: 'standard-service' as const,
          section: 's',
          quote: '随设备附带的网线，电源线等附件均不在保修范围内。',
        },
      ],
    };
    expect(isKnowledgeHit(result, ['网线,电源线等附件'])).toBe(true);
    expect(isKnowledgeHit(result, ['三年保修'])).toBe(false);
  });

  it('when the expected string is only in the fourth citation, then it does not count', () => {
    const cite = (quote: string) => ({ policy: 'rongke-server' as const, section: 's', quote });
    const result = {
      intent: 'policy_question' as const,
      confidence: 1,
      answer: '',
      citations: [cite('a'), cite('b'), cite('c'), cite('三年保修')],
    };
    expect(isKnowledgeHit(result, ['三年保修'])).toBe(false);
  });
});

describe('eval as a process', () => {
  it('when floors are not met, then the process exits non-zero; the report goes to stdout and the bar to stderr', () => {
    const { status, stdout, stderr } = runCliProcess(['eval', jsonlFile(rows), '--min-intent', '0.95'], '');
    expect(status).toBe(1);
    expect(stdout).toMatch(/confusion matrix/);
    expect(stderr).toMatch(/below floor: intent accuracy/);
  });
});
