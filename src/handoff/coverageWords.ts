import { z } from 'zod';
import { decisionText } from '../../dialogs/coverageText.js';
import type { DialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { coverageDecisionSchema } from '../coverage/index.js';
import type { KnowledgeBase } from '../knowledge/types.js';

/** The part of a ticket's coverage record the console reads: the engine's decision, if it made one. */
const recordSchema = z.object({ decision: coverageDecisionSchema.nullable().optional() });

/**
 * A ticket's stored coverage decision in words, with the clauses it rests on quoted: the same
 * text the customer was given (dialogs/coverageText.ts, wording from knowledge/dialogs), so the
 * agent reads what the bot said. A record the engine could not decide reads as "cannot decide".
 */
export function coverageInWords(record: Record<string, unknown>, kb: KnowledgeBase, texts: DialogKnowledge): string {
  const parsed = recordSchema.safeParse(record);
  return decisionText(parsed.success ? (parsed.data.decision ?? null) : null, kb, texts);
}
