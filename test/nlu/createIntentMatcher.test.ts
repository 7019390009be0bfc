import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createIntentMatcher, type TrainedIntentMatcher } from '../../src/nlu/createIntentMatcher.js';
import { intentSchema, type Intent } from '../../src/nlu/types.js';

// Phrasings written for this test: none is a training utterance or a dev-set sample.
let matcher: TrainedIntentMatcher;
beforeAll(() => {
  matcher = createIntentMatcher('knowledge');
});

const cases: Array<[string, Intent]> = [
  ['刚收到的服务器第三周就罢工了，能给换一台新的吗', 'policy_question'],
  ['电源模块的质保期是几年呀', 'policy_question'],
  ['机器被雷电击中烧了还在保修范围里吗', 'policy_question'],
  ['咱们在县城，工程师多长时间可以到现场', 'policy_question'],
  ['发票找不着了，保修期从哪天开始计算', 'policy_question'],
  ['换下来的坏内存条你们要拿走吗', 'policy_question'],
  ['RAID卡坏了在不在保修里', 'policy_question'],
  ['风扇坏了，麻烦尽快派个工程师来换', 'report_fault'],
  ['我们机房那台存储开不了机了', 'report_fault'],
  ['帮忙登记个报修，序列号RK77001234，硬盘亮红灯', 'report_fault'],
  ['上礼拜报的维修到现在没人理我，进度如何', 'ticket_status'],
  ['工单T20260315-0021现在处理到哪了', 'ticket_status'],
  ['麻烦给我转个人工客服', 'human_agent'],
  ['别让机器人回了，我要投诉', 'human_agent'],
  ['不报修了，取消吧', 'cancel'],
  ['你好呀', 'greeting'],
  ['好的，谢谢，拜拜', 'goodbye'],
];

describe('intent matcher', () => {
  it.each(cases)('when a customer writes %s, then the intent is %s', (text, intent) => {
    expect(matcher.match(text).intent).toBe(intent);
  });

  it('when the same broken part comes with a coverage question or with a request for action, then policy_question vs report_fault', () => {
    expect(matcher.match('网卡坏了，这种情况能免费修吗').intent).toBe('policy_question');
    expect(matcher.match('网卡坏了，请安排人员过来更换').intent).toBe('report_fault');
  });

  it.each([
    '今天深圳天气如何',
    '给我讲个有意思的段子',
    '贵公司招不招实习生',
    '腾讯的股价涨了没',
    '晚饭吃点什么好',
    '我家洗碗机不出水了',
    '帮我写一首关于春天的诗',
  ])('when the message is off-topic (%s), then it is out_of_scope, not forced into a domain intent', (text) => {
    expect(matcher.match(text).intent).toBe('out_of_scope');
  });

  it.each([
    ['转人宫', 'human_agent'],
    ['人攻客服', 'human_agent'],
    ['取销', 'cancel'],
    ['拜拜了您嘞', 'goodbye'],
  ] satisfies Array<[string, Intent]>)(
    'when a command word is typo’d (%s), then it is still recognised as %s',
    (text, intent) => {
      expect(matcher.match(text).intent).toBe(intent);
    },
  );

  it('when messages are traditional Chinese or full-width, then they match like simplified ones', () => {
    expect(matcher.match('記憶體保固幾年').intent).toBe('policy_question');
    expect(matcher.match('ＲＡＩＤ卡保修幾年？').intent).toBe('policy_question');
  });

  it('when any message is matched, then confidences lie in 0..1, alternatives exclude the winner and are sorted', () => {
    for (const text of ['硬盘坏了能保修吗', '你好', '今天股市怎么样', '？？？', '', 'x'.repeat(5000), '\u200b\u200b']) {
      const p = matcher.match(text);
      expect(matcher.labels).toContain(p.intent);
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
      expect(p.alternatives.map((a) => a.intent)).not.toContain(p.intent);
      const confidences = p.alternatives.map((a) => a.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      for (const c of confidences) expect(c).toBeGreaterThanOrEqual(0);
    }
  });

  it('when the message is only punctuation or invisible characters, then it is out_of_scope', () => {
    expect(matcher.match('？！。').intent).toBe('out_of_scope');
    expect(matcher.match('\u200b').intent).toBe('out_of_scope');
  });

  // fixtures/heldout.jsonl: 60 phrasings written apart from the training data, across all intents.
  it('when a fresh labelled set is matched, then at least 90% of intents are right and out_of_scope is never forced', () => {
    const fixtureLine = z.object({ text: z.string(), intent: intentSchema });
    const items = readFileSync('test/nlu/fixtures/heldout.jsonl', 'utf8')
      .trim()
      .split('\n')
      .map((l) => fixtureLine.parse(JSON.parse(l)));
    expect(items).toHaveLength(60);
    const predictions = items.map((i) => ({ ...i, got: matcher.match(i.text).intent }));
    const right = predictions.filter((p) => p.got === p.intent).length;
    expect(right / items.length).toBeGreaterThanOrEqual(0.9);
    const offTopic = predictions.filter((p) => p.intent === 'out_of_scope');
    expect(offTopic.filter((p) => p.got === 'out_of_scope').length).toBeGreaterThanOrEqual(offTopic.length - 1);
  });

  it('when trained, then every intent has training utterances and many for the big ones', () => {
    expect(matcher.trainingSize).toBeGreaterThan(800);
  });
});
