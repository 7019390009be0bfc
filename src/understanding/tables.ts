/** Row type of the unanswered-questions log (migration 230). */
export type UnansweredQuestionsTable = {
  id: import('kysely').Generated<number>;
  at: string;
  conversation_id: string;
  /** abstained | low_confidence | out_of_scope */
  kind: string;
  /** The customer's text with personal data masked. */
  text: string;
  intent: string;
  /** The answer decision's probability, or the matcher's confidence for out-of-scope. */
  confidence: number;
  /** The clauses considered, as JSON [{policy, section, quote, score}]. */
  candidates: string;
};

export type UnderstandingTables = { unanswered_questions: UnansweredQuestionsTable };
