import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from './readJsonFile.js';

/**
 * The evidence the ranker has about its best clause, each scaled to about 0..1 (score is a log).
 * The answer decision weighs these instead of one confidence threshold.
 */
export const evidenceNames = [
  /** log(1 + fused score of the best clause). */
  'score',
  /** (best − best of another row) / best: how clearly the best clause stands out. */
  'margin',
  /** IDF-weighted share of the question's words the clause itself contains. */
  'coverage',
  /** IDF-weighted share of the question's words the clause's best-matching alternative wording contains. */
  'similarity',
  /** 1 when the clause text and the alternative wordings point to the same row. */
  'agreement',
  /** 1 when the question asks a kind of fact (a period, a number) the clause states; −1 when it does not; 0 when none asked. */
  'answerType',
  /** The intent matcher's probability that this is a policy question. */
  'intentPolicy',
  /** The intent matcher's probability that this is out of scope. */
  'intentOutOfScope',
  /** 1 when the customer named the product or policy. */
  'policyNamed',
  /** log(1 + number of content words in the question). */
  'words',
] as const;
export type EvidenceName = (typeof evidenceNames)[number];
export type AnswerEvidence = Record<EvidenceName, number>;

const weightsSchema = z.object(Object.fromEntries(evidenceNames.map((n) => [n, z.number()])) as Record<EvidenceName, z.ZodNumber>);

export const answerDecisionSchema = z.object({
  $comment: z.string().optional(),
  bias: z.number(),
  weights: weightsSchema,
  /** Answer when the probability that the best clause is right reaches this. */
  answer: z.number().min(0).max(1),
  /** Answers below this probability are logged as low-confidence for the knowledge-base review. */
  review: z.number().min(0).max(1),
  /** A "policy question" whose best clause is below this is treated as out of scope (the relevance gate). */
  outOfScope: z.number().min(0).max(1),
  /** How the weights were fitted and how they held up on data kept apart (written by `cli calibrate`). */
  fit: z
    .object({
      trainedOn: z.array(z.string()),
      examples: z.number().int(),
      heldOut: z.array(z.string()),
      reliability: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int(), predicted: z.number(), observed: z.number() })),
      atThreshold: z.object({ answered: z.number().int(), right: z.number().int(), wrong: z.number().int(), abstained: z.number().int(), missed: z.number().int() }),
    })
    .optional(),
});
export type AnswerDecisionModel = z.infer<typeof answerDecisionSchema>;

/** Loads knowledge/answer-decision.json. */
export function loadAnswerDecision(knowledgeDir: string): AnswerDecisionModel {
  const file = join(knowledgeDir, 'answer-decision.json');
  const data = readJsonFile(file, answerDecisionSchema);
  return data;
}

/** Logistic model: the probability that answering with the best clause is right. */
export function probabilityRight(model: Pick<AnswerDecisionModel, 'bias' | 'weights'>, evidence: AnswerEvidence): number {
  let z = model.bias;
  for (const name of evidenceNames) z += model.weights[name] * evidence[name];
  return 1 / (1 + Math.exp(-z));
}
