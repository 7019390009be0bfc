import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CoverageDecision } from '../../src/coverage/types.js';
import { realEngine } from './engineFixture.js';

// Two sets of 40 customers' messages written apart from the code and its data, from the two
// policies alone, with the decision each policy gives (fields only where the policy settles them).
// Each was scored once before any change was made for it (README: 33/40 and 24/40 fully right);
// now they guard regressions.
const scenarioSchema = z.object({
  id: z.string(),
  text: z.string(),
  policy: z.string(),
  today: z.string(),
  expect: z.object({
    covered: z.boolean().optional(),
    remedy: z.string().optional(),
    serviceIncludes: z.string().optional(),
    serviceExcludes: z.string().optional(),
    onsiteHours: z.number().nullable().optional(),
    warrantyStart: z.string().optional(),
    warrantyEnd: z.string().optional(),
  }),
});
type Scenario = z.infer<typeof scenarioSchema>;

const scenarios = ['coverage-fresh.jsonl', 'coverage-fresh-2.jsonl'].flatMap((file) =>
  readFileSync(`test/coverage/fixtures/${file}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => scenarioSchema.parse(JSON.parse(line))),
);

const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/** What differs from the scenario's expectation (the rules of ../shared/eval/run_dialogs.py, part B). */
function differences(s: Scenario, policy: string | undefined, d: CoverageDecision | null): string[] {
  const e = s.expect;
  if (policy !== s.policy) return [`policy ${policy} != ${s.policy}`];
  if (!d) return ['no decision'];
  const out: string[] = [];
  if (e.covered !== undefined && d.covered !== e.covered) out.push(`covered ${d.covered} != ${e.covered}`);
  if (e.remedy !== undefined && d.remedy !== e.remedy) out.push(`remedy ${d.remedy} != ${e.remedy}`);
  if (e.onsiteHours !== undefined && d.onsiteHours !== e.onsiteHours) out.push(`onsiteHours ${d.onsiteHours} != ${e.onsiteHours}`);
  if (e.serviceIncludes && !d.service.some((m) => m === e.serviceIncludes)) out.push(`service lacks ${e.serviceIncludes}`);
  if (e.serviceExcludes && d.service.some((m) => m === e.serviceExcludes)) out.push(`service has ${e.serviceExcludes}`);
  for (const field of ['warrantyStart', 'warrantyEnd'] as const) {
    const want = e[field];
    const got = d[field];
    if (want && (!got || daysApart(got, want) > 1)) out.push(`${field} ${got} != ${want}`);
  }
  if (d.citations.length === 0) out.push('no citation');
  return out;
}

describe('fresh coverage scenarios in customers’ words (regression data)', () => {
  const results = scenarios.map((s) => {
    const assessment = realEngine().assess(s.text, s.today);
    return { s, missed: differences(s, assessment.facts.policy, assessment.decision) };
  });

  it('when each message is read and decided, then at least 90% of the scenarios are fully right', () => {
    const missed = results.filter((r) => r.missed.length > 0);
    const report = missed.map((r) => `${r.s.id}: ${r.missed.join('; ')}`).join('\n');
    expect((results.length - missed.length) / results.length, report).toBeGreaterThanOrEqual(0.9);
  });

  it('when a decision is given, then it never says covered where the policy says not covered, or the reverse', () => {
    const contradicted = results.filter((r) => r.missed.some((m) => m.startsWith('covered') && !m.startsWith('covered null')));
    expect(contradicted.map((r) => `${r.s.id}: ${r.missed.join('; ')}`)).toEqual([]);
  });
});
