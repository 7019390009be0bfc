import { join } from 'node:path';
import { z } from 'zod';
import { normalizeText } from '../text/normalize.js';
import type { QueryExpander } from './rankClauses.js';
import { readJsonFile } from './readJsonFile.js';

const answerTypesSchema = z.object({
  types: z.array(z.object({ name: z.string(), cues: z.array(z.string().min(1)), clausePattern: z.string(), boost: z.number().min(1).max(3), expand: z.array(z.string().min(1)).default([]) })),
});

/** What a question asks for (a duration, a phone number...): how many kinds, and a score multiplier for a clause. */
export type AnswerTypeBoost = (question: string) => { asked: number; boost: (clauseText: string) => number };

/** Loads knowledge/text/answerTypes.json: the boost, and a query expander for the types' own words. */
export function loadAnswerTypes(knowledgeDir: string): { boost: AnswerTypeBoost; expander: QueryExpander } {
  const data = readJsonFile(join(knowledgeDir, 'text', 'answerTypes.json'), answerTypesSchema);
  const types = data.types.map((t) => ({ ...t, cues: t.cues.map(normalizeText), pattern: new RegExp(t.clausePattern) }));
  const askedIn = (question: string) => {
    const q = normalizeText(question);
    return types.filter((t) => t.cues.some((c) => q.includes(c)));
  };
  return {
    boost: (question) => {
      const asked = askedIn(question);
      return { asked: asked.length, boost: (clauseText) => asked.reduce((m, t) => (t.pattern.test(clauseText) ? m * t.boost : m), 1) };
    },
    expander: (question) => askedIn(question).flatMap((t) => t.expand),
  };
}
