import { describe, expect, it } from 'vitest';
import { conversationOutcome, outcomeRates } from '../../src/admin/conversationOutcome.js';
import { groupQuestions, similarity } from '../../src/admin/groupQuestions.js';

describe('conversationOutcome', () => {
  it.each([
    [['answered', 'answered'], false, 'contained'],
    [['answered', 'out_of_scope'], false, 'outOfScope'],
    [['out_of_scope', 'abstained', 'answered'], false, 'abstained'],
    [['abstained', 'handoff'], false, 'handedOff'],
    [['answered'], true, 'handedOff'],
  ])('when the turns were %j (queued: %s), then the conversation counts as %s', (turns, queued, expected) => {
    expect(conversationOutcome(turns, queued)).toBe(expected);
  });
});

describe('outcomeRates', () => {
  it('when thirds do not divide evenly, then the rates still add up to exactly 100', () => {
    const rates = outcomeRates({ contained: 1, handedOff: 1, abstained: 1, outOfScope: 0 });
    expect(rates.contained + rates.handedOff + rates.abstained + rates.outOfScope).toBeCloseTo(100, 10);
    expect(Object.values(rates).sort()).toEqual([0, 33.3, 33.3, 33.4]);
  });

  it('when there is no conversation, then every rate is 0', () => {
    expect(outcomeRates({ contained: 0, handedOff: 0, abstained: 0, outOfScope: 0 })).toEqual({
      contained: 0,
      handedOff: 0,
      abstained: 0,
      outOfScope: 0,
    });
  });
});

describe('groupQuestions', () => {
  const entry = (id: number, text: string, quote = '硬件质保服务', score = 1) => ({
    id,
    at: `2026-12-01T0${id}:00:00.000Z`,
    conversationId: `c${id}`,
    kind: 'abstained' as const,
    text,
    intent: 'policy_question',
    confidence: 0.2,
    candidates: [{ policy: 'standard-service', section: '服务内容', quote, score }],
  });

  it('when questions differ only by a masked number or a particle, then they form one group with the count and the best candidates', () => {
    const groups = groupQuestions([
      entry(1, '关于保修我有点疑问，[电话]'),
      entry(2, '关于保修我有点疑问呢', '软件质保服务', 5),
      entry(3, '周末去哪里吃火锅比较好'),
    ]);
    expect(groups.map((g) => [g.id, g.count])).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(groups[0]?.candidates.map((c) => c.quote)).toEqual(['软件质保服务', '硬件质保服务']);
    expect(groups[0]?.questionIds).toEqual([1, 2]);
  });

  it('when two questions share no characters, then their similarity is 0; the same question is 1', () => {
    expect(similarity('网卡保修几年', '周末吃火锅')).toBe(0);
    expect(similarity('网卡保修几年？', '网卡保修几年')).toBe(1);
  });
});
