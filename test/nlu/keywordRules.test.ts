import { describe, expect, it } from 'vitest';
import { KeywordRules } from '../../src/nlu/keywordRules.js';
import type { NluRules } from '../../src/nlu/loadNluData.js';

const rules: NluRules = {
  commands: [
    { intent: 'human_agent', maxChars: 6, phrases: ['转人工', '人工客服'] },
    { intent: 'cancel', maxChars: 6, phrases: ['取消'] },
  ],
  containing: [{ intent: 'human_agent', phrases: ['不要机器人'] }],
  fillers: ['请', '吧'],
  cues: [],
  cueCombos: [],
  domain: [],
};
const keywords = new KeywordRules(rules);

describe('KeywordRules', () => {
  it('when the message is exactly a command phrase, then it matches with top confidence', () => {
    expect(keywords.match('转人工')).toMatchObject({ intent: 'human_agent', rule: 'command' });
    expect(keywords.match('转人工')?.confidence).toBeGreaterThan(0.95);
  });

  it('when a command phrase has a one-character typo, then it still matches, less confidently', () => {
    const typo = keywords.match('转人公');
    expect(typo?.intent).toBe('human_agent');
    expect(typo?.confidence).toBeLessThan(keywords.match('转人工')?.confidence ?? 0);
  });

  it('when polite fillers surround the command, then they are ignored', () => {
    expect(keywords.match('请取消吧')?.intent).toBe('cancel');
  });

  it('when the message is only a fragment of a phrase or too long, then no command matches', () => {
    expect(keywords.match('工')).toBeUndefined();
    expect(keywords.match('转人工的话费用是怎么算的')).toBeUndefined();
  });

  it('when a telltale phrase appears inside a longer message, then the containing rule fires', () => {
    expect(keywords.match('我说了不要机器人回答我的问题')).toMatchObject({ intent: 'human_agent', rule: 'containing' });
  });
});
