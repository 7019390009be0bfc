import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { normalizeText } from '../text/normalize.js';

const answerTypesSchema = z.object({
  types: z.array(z.object({ name: z.string(), cues: z.array(z.string().min(1)), clausePattern: z.string(), boost: z.number().min(1).max(3) })),
});

/** Multiplier for a clause's score given what the question asks for (a duration, a phone number...). */
export type AnswerTypeBoost = (question: string) => (clauseText: string) => number;

/** Loads knowledge/text/answerTypes.json into a boost function. */
export function loadAnswerTypes(knowledgeDir: string): AnswerTypeBoost {
  const data = answerTypesSchema.parse(JSON.parse(readFileSync(join(knowledgeDir, 'text', 'answerTypes.json'), 'utf8')));
  const types = data.types.map((t) => ({ ...t, cues: t.cues.map(normalizeText), pattern: new RegExp(t.clausePattern) }));
  return (question) => {
    const q = normalizeText(question);
    const asked = types.filter((t) => t.cues.some((c) => q.includes(c)));
    return (clauseText) => asked.reduce((m, t) => (t.pattern.test(clauseText) ? m * t.boost : m), 1);
  };
}
