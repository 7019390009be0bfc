import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { normalizeText } from '../text/normalize.js';
import type { ClauseLookup } from './clauseLookup.js';
import { policyIdSchema, type Clause, type Policy, type RankedClause } from './types.js';
import { readJsonFile } from './readJsonFile.js';

const rulesFileSchema = z.object({
  /** Tables whose rows depend on a fact the customer may not have given (the city's tier). */
  wholeTables: z.array(
    z.object({
      policy: policyIdSchema,
      section: z.array(z.string().min(1)).min(1),
      note: z.string().min(1),
      /** Facts that pick the row themselves when the question names them (e.g. "place"). */
      unlessNamed: z.array(z.string().min(1)).default([]),
    }),
  ),
  /** Clauses that limit an answer, quoted first when the question mentions a date before `before`. */
  conditions: z.array(z.object({ policy: policyIdSchema, clause: z.string().min(1), before: z.string().regex(/^\d{4}-\d{2}$/) })),
  /** When rows tie within this ratio, no row was picked out by the question. */
  rowTieRatio: z.number().min(1),
});

/** Reshapes a group of clauses before it is quoted. */
export interface AnswerRules {
  shape(question: string, group: Clause[], ranked: RankedClause[]): { clauses: Clause[]; note?: string };
}

/** Which kinds of fact a question names ("place" when it names a city), from the domain's resolvers. */
export type NamedFacts = (question: string) => string[];

/** The earliest year-month the question mentions ("2016年12月", "16年", "2015"), as yyyy-mm. */
export function earliestMonth(question: string): string | undefined {
  const text = normalizeText(question);
  const months: string[] = [];
  for (const m of text.matchAll(/(?<!\d)((?:19|20)\d{2}|\d{2})\s*(?:年|\.|\/|-)\s*(?:(\d{1,2})\s*月?)?/g)) {
    const raw = m[1] ?? '';
    // Two digits only count with 年 ("16年"), not as day numbers.
    if (raw.length === 2 && !m[0].includes('年')) continue;
    const year = raw.length === 2 ? 2000 + Number(raw) : Number(raw);
    const month = Math.min(12, Math.max(1, Number(m[2] ?? 12)));
    months.push(`${year}-${String(month).padStart(2, '0')}`);
  }
  for (const m of text.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)) months.push(`${m[1]}-12`);
  return months.sort()[0];
}

const inSection = (clause: Clause, policy: string, section: string[]) => clause.policy === policy && section.every((s, i) => clause.section[i] === s);

/** Loads knowledge/answer-rules.json (optional). */
export function loadAnswerRules(knowledgeDir: string, policies: Map<string, Policy>, lookup: ClauseLookup, namedFacts: NamedFacts = () => []): AnswerRules {
  const file = join(knowledgeDir, 'answer-rules.json');
  if (!existsSync(file)) return { shape: (_q, group) => ({ clauses: group }) };
  const data = readJsonFile(file, rulesFileSchema);
  const all = [...policies.values()].flatMap((p) => p.clauses);
  const conditions = data.conditions.map((c) => {
    const clause = lookup.find(c.policy, c.clause);
    if (!clause) throw new AppError('bad_document', `${file}: no clause of ${c.policy} contains "${c.clause}"`, { file });
    return { clause, before: c.before };
  });
  const tables = data.wholeTables.map((t) => {
    const clauses = all.filter((c) => inSection(c, t.policy, t.section));
    if (!clauses.length) throw new AppError('bad_document', `${file}: ${t.policy} has no section ${t.section.join(' › ')}`, { file });
    return { ...t, clauses };
  });
  return {
    shape(question, group, ranked) {
      let clauses = group;
      let note: string | undefined;
      const first = group[0];
      const table = first && tables.find((t) => inSection(first, t.policy, t.section));
      const named = table && table.unlessNamed.length ? namedFacts(question) : [];
      if (table && !table.unlessNamed.some((f) => named.includes(f))) {
        // Best score of each row of the table: a named city lifts its row clear of the others.
        const rows = new Map<number, number>();
        for (const r of ranked) if (r.clause.kind === 'cell' && table.clauses.includes(r.clause)) rows.set(r.clause.line, Math.max(rows.get(r.clause.line) ?? 0, r.score));
        const [best = 0, second = 0] = [...rows.values()].sort((a, b) => b - a);
        if (best < second * data.rowTieRatio || rows.size === 0) {
          // Every tier, the best-ranked first: the customer sees them all and which fits them best.
          clauses = [...group, ...table.clauses.filter((c) => !group.includes(c))];
          note = table.note;
        }
      }
      const month = earliestMonth(question);
      const limits = conditions.filter((c) => month !== undefined && month < c.before && clauses[0]?.policy === c.clause.policy);
      return { clauses: [...limits.map((c) => c.clause), ...clauses.filter((c) => !limits.some((l) => l.clause === c))], note };
    },
  };
}
