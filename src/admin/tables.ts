import type { Generated } from 'kysely';

/** One customer message the bot handled (migration 241): no text, only what the reports count. */
export type TurnOutcomesTable = {
  id: Generated<number>;
  at: string;
  conversation_id: string;
  intent: string;
  /** answered | abstained | out_of_scope | handoff */
  outcome: string;
  /** The clauses the reply quoted, as JSON ["policy › section", …]. */
  cited: string;
};

/** An alternative wording or out-of-scope example the lead accepted (migration 242). */
export type KnowledgeEntriesTable = {
  id: Generated<number>;
  /** alternative (a wording of `clause` in `policy`) | out_of_scope (an example for the matcher) | synonym (`question` means `clause`) */
  kind: string;
  question: string;
  policy: string | null;
  /** A verbatim piece of the clause (as in knowledge/policies/<id>/questions.jsonl). */
  clause: string | null;
  created_by: string;
  created_at: string;
};

/** The lead's decision on one logged unanswered question (migration 242). */
export type UnansweredReviewsTable = {
  question_id: number;
  /** linked | out_of_scope | dismissed */
  status: string;
  by: string;
  at: string;
};

/** Who changed what and when in the lead's console (migration 242). */
export type AdminAuditTable = {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  /** What was changed, as JSON (masked text only). */
  detail: string;
};

export type AdminTables = {
  turn_outcomes: TurnOutcomesTable;
  knowledge_entries: KnowledgeEntriesTable;
  unanswered_reviews: UnansweredReviewsTable;
  admin_audit: AdminAuditTable;
};
