import { describe, expect, it } from 'vitest';
import { loadDomain } from '../src/loadDomain.js';

const domain = loadDomain('knowledge');
const quotes = (q: string) => domain.knowledge.answer(q).citations.map((c) => c.quote);

describe('answering on-site time questions for a named place', () => {
  it.each([
    ['我们公司在南京，工程师上门要多久', '24小时内上门'],
    ['上海浦东的机房多久能上门', '8小时内上门'],
    ['江苏昆山上门时间', '72小时内上门'],
    ['拉萨能上门维修吗', '新疆、西藏等城市因交通原因根据具体情况具体沟通服务方式'],
  ])('when asked "%s", then the first citation is "%s"', (question, expected) => {
    expect(quotes(question)[0]).toContain(expected);
  });

  it('when no place is named, then the answer leads with the on-site section itself, not one tier row', () => {
    const [first] = domain.knowledge.answer('上门维修一般多久').citations;
    expect(first?.section).toBe('上门服务响应时间');
  });
});

describe('building the domain once', () => {
  it('when built, then the coverage engine cites clauses the knowledge base holds', () => {
    const decision = domain.coverage.decide({
      policy: 'rongke-server',
      part: '内存',
      purchaseDate: '2025-03-01',
      city: '西安',
      today: '2026-06-01',
    });
    const all = domain.knowledge
      .policies()
      .flatMap((p) => p.clauses.map((c) => c.text))
      .join('\n');
    expect(decision.onsiteHours).toBe(24);
    for (const c of decision.citations) expect(all).toContain(c.quote);
  });
});
