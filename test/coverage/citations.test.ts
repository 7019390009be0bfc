import { describe, expect, it } from 'vitest';
import { RuleCiter } from '../../src/coverage/citeRules.js';
import type { CoverageInput } from '../../src/coverage/types.js';
import { realDeps, policyMarkdown, realEngine, realKb } from './engineFixture.js';

// A grid of scenarios over both policies: every decision must cite at least one verbatim clause.
const parts = ['主板', '热插拔硬盘', '机箱风扇', '机箱面板', '键盘', '网线', '不认识的部件', '电源'];
const causes = [undefined, '进水', '雷击', '自己拆过', '病毒', '正常使用', '说不清'];
const dates: Partial<CoverageInput>[] = [
  {},
  { purchaseDate: '2025-05-01' },
  { purchaseDate: '2025-05-01', factoryDate: '2025-04-01' },
  { purchaseDate: '2021-01-01', factoryDate: '2020-12-01' },
  { factoryDate: '2016-05-01' },
  { purchaseDate: '2025-05-01', deliveryDate: '2025-04-01' },
];
const cities = [undefined, '北京', '拉萨', '宁波', '浙江', '朝阳区'];

const scenarios: CoverageInput[] = [];
for (const policy of ['rongke-server', 'standard-service'] as const)
  for (const part of parts)
    for (const [i, cause] of causes.entries())
      for (const [j, d] of dates.entries())
        scenarios.push({ policy, part, cause, ...d, city: cities[(i + j) % cities.length], repairsInLastYear: j % 4, today: '2025-06-20' });

describe('citations', () => {
  it(`when any of ${scenarios.length} scenarios is decided, then it cites at least one clause quoted verbatim from the policy file`, () => {
    const md = new Map(['rongke-server', 'standard-service'].map((id) => [id, policyMarkdown(id)]));
    for (const input of scenarios) {
      const d = realEngine().decide(input);
      expect(d.citations.length, JSON.stringify(input)).toBeGreaterThan(0);
      expect(d.reasons.length).toBeGreaterThan(0);
      for (const c of d.citations) {
        expect(c.policy).toBe(input.policy);
        expect(md.get(c.policy)?.includes(c.quote), `${c.quote} not verbatim`).toBe(true);
        expect(c.section.length).toBeGreaterThan(0);
      }
    }
  });

  it('when a decision is not covered, then it gives no service and no on-site hours', () => {
    for (const input of scenarios) {
      const d = realEngine().decide(input);
      if (d.covered === false) {
        expect(d.service).toEqual([]);
        expect(d.onsiteHours).toBeNull();
      }
      if (d.onsiteHours !== null) expect(d.service).toContain('onsite');
    }
  });

  it('when a rule quotes text that is not in its section, then building the engine fails naming the rule', () => {
    const rules = [...realDeps().data.rules.values()].map((set) => ({
      ...set,
      rules: set.rules.map((r, i) => (i === 0 ? { ...r, source: { ...r.source, quote: '保修期为十年' } } : r)),
    }));
    expect(() => new RuleCiter(realKb(), rules)).toThrow(/quotes text not found/);
  });
});
