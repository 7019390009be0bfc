import { describe, expect, it } from 'vitest';
import { loadDomain } from '../../src/loadDomain.js';

const { coverage, knowledge } = loadDomain('knowledge');
const today = '2026-11-25';

describe('reading dates that are not purchases', () => {
  it.each(['前天开始一直报警，融科服务器电源坏了', '上周突然宕机了，融科服务器'])('when "%s" dates the fault, then it is not taken as the purchase date', (text) => {
    expect(coverage.extractFacts(text, today).facts.purchaseDate).toBeUndefined();
  });

  it('when a lone date names the purchase, then it is still taken', () => {
    expect(coverage.extractFacts('2024年5月的融科服务器，内存坏了', today).facts.purchaseDate).toBe('2024-05-01');
  });
});

describe('explaining a decision without dates', () => {
  it('when neither invoice nor factory date is known, then no reason shows a placeholder and the part is still named as covered for three years', () => {
    const decision = coverage.decide({ policy: 'rongke-server', part: '主板', today });
    const reasons = decision.reasons.join('\n');
    expect(reasons).not.toMatch(/未知|\{/);
    expect(reasons).toContain('三年');
    expect(decision.warrantyEnd).toBeNull();
  });
});

describe('asking for a phone number', () => {
  it('when the customer asks for the number to call, then the answer quotes a hotline number', () => {
    const text = knowledge.answer('你们的电话是多少').citations.map((c) => c.quote).join('\n');
    expect(text).toMatch(/\d{3,4}-\d{3}-\d{3,4}/);
  });
});
