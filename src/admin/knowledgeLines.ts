import { z } from 'zod';
import { policyIdSchema } from '../knowledge/types.js';
import { maskPersonalData } from '../text/maskPersonalData.js';
import type { QuestionGroup } from './groupQuestions.js';
import type { KnowledgeEntry } from './reviewStore.js';

/**
 * One open group as `cli unanswered export` writes it, for review in git: fill in `policy`
 * and `clause` (a verbatim piece of the clause) to link it, or set `outOfScope: true`.
 */
export interface ExportLine {
  id: number;
  question: string;
  count: number;
  kinds: Record<string, number>;
  wordings: string[];
  candidates: Array<{ policy: string; section: string; quote: string; score: number }>;
  policy: null;
  clause: null;
}

/** The export line of a group (texts were masked when logged). */
export function exportLine(group: QuestionGroup): ExportLine {
  return {
    id: group.id,
    question: group.text,
    count: group.count,
    kinds: group.kinds,
    wordings: group.texts,
    candidates: group.candidates,
    policy: null,
    clause: null,
  };
}

const question = z.string().trim().min(1).max(300).transform(maskPersonalData);
const groupId = z.number().int().positive().optional();

const word = z.string().trim().min(1).max(30);

/** A reviewed line `cli knowledge import` accepts: a wording of a clause, an out-of-scope example, or a synonym. */
export const importLineSchema = z.union([
  z.object({ id: groupId, question, policy: policyIdSchema, clause: z.string().trim().min(1).max(500) }),
  z.object({ id: groupId, question, outOfScope: z.literal(true) }),
  z.object({ id: groupId, synonym: word, of: word }),
]);

/** The import line of an addition (what `cli knowledge export` prints). */
export function importLineOf(entry: KnowledgeEntry): Record<string, unknown> {
  switch (entry.kind) {
    case 'alternative':
      return { question: entry.question, policy: entry.policy, clause: entry.clause };
    case 'out_of_scope':
      return { question: entry.question, outOfScope: true };
    case 'synonym':
      return { synonym: entry.word, of: entry.canonical };
  }
}

/** What a reviewed line adds; lines left unreviewed (no policy and clause, not out of scope) add nothing. */
export function entryOf(line: z.output<typeof importLineSchema>): { id?: number; entry: KnowledgeEntry } {
  if ('synonym' in line) return { id: line.id, entry: { kind: 'synonym', word: line.synonym, canonical: line.of } };
  if ('outOfScope' in line) return { id: line.id, entry: { kind: 'out_of_scope', question: line.question } };
  return {
    id: line.id,
    entry: { kind: 'alternative', question: line.question, policy: line.policy, clause: line.clause },
  };
}

/** True for an exported line nobody reviewed yet (policy and clause still null, nothing else set): skipped on import. */
export function isUnreviewed(raw: unknown): boolean {
  const reviewedOtherwise = z
    .union([z.object({ outOfScope: z.literal(true) }), z.object({ synonym: z.string() })])
    .safeParse(raw).success;
  return z.object({ policy: z.null(), clause: z.null() }).safeParse(raw).success && !reviewedOtherwise;
}
