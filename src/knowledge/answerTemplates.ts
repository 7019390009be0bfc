import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from './readJsonFile.js';

export const answerTemplatesSchema = z.object({
  citationLine: z.string().includes('{quote}'),
  answeredIntro: z.string(),
  ambiguousIntro: z.string(),
  ambiguousQuestion: z.string(),
  unsure: z.string(),
  suggestTopics: z.string().includes('{topics}'),
  offerHuman: z.string(),
  thresholds: z.object({
    /** Minimum confidence for giving an answer at all. */
    answer: z.number().min(0).max(1),
    /** Further clauses are cited when they score at least this share of the best. */
    citationRatio: z.number().min(0).max(1),
    /** The other policy is quoted too when its best clause scores this share of the best. */
    otherPolicyRatio: z.number().min(0).max(1),
    maxCitations: z.number().int().min(1).max(6),
  }),
});
export type AnswerTemplates = z.infer<typeof answerTemplatesSchema>;

/** Loads knowledge/answers.json. */
export function loadAnswerTemplates(knowledgeDir: string): AnswerTemplates {
  const file = join(knowledgeDir, 'answers.json');
  return readJsonFile(file, answerTemplatesSchema);
}

