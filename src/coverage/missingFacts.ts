import type { QuestionsFile } from './loadCoverageData.js';
import type { CoverageDecision, CoverageFacts, MissingFact } from './types.js';

const order: MissingFact['field'][] = ['policy', 'part', 'purchaseDate', 'factoryDate', 'deliveryDate', 'exactDate', 'hotSwap', 'city', 'cause'];

/**
 * The facts still needed, in the order a person would ask for them, each with its question.
 * Blocking ones stop a decision (or the on-site time); the others would only firm it up.
 */
export function listMissing(
  q: QuestionsFile,
  facts: CoverageFacts,
  decision: CoverageDecision | null,
  needs: Set<MissingFact['field']>,
): MissingFact[] {
  const wanted = new Set(needs);
  if (!facts.policy) wanted.add('policy');
  if (!facts.part) wanted.add('part');
  return order
    .filter((f) => wanted.has(f) && !(f in facts && facts[f as keyof CoverageFacts] !== undefined))
    .map((field) => ({
      field,
      question: q.questions[field] ?? field,
      blocking: decision === null || decision.remedy === 'ask' || field === 'city' || field === 'hotSwap' || field === 'exactDate',
    }));
}
