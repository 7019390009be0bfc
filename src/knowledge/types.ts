import { z } from 'zod';

export const policyIdSchema = z.enum(['standard-service', 'rongke-server']);
export type PolicyId = z.infer<typeof policyIdSchema>;

/** Front matter every policy document carries. */
export const policyMetaSchema = z.object({
  id: policyIdSchema,
  title: z.string().min(1),
  issuer: z.string().min(1),
  hotline: z.string().min(1),
  appliesTo: z.string().min(1),
});
export type PolicyMeta = z.infer<typeof policyMetaSchema>;

/** One quotable unit of a policy: a sentence, list item or table cell, verbatim. */
export const clauseSchema = z.object({
  /** Stable id: policy + section path + ordinal within the section. */
  id: z.string().min(1),
  policy: policyIdSchema,
  /** Headings (and table row label) from the top of the document down to this clause. */
  section: z.array(z.string().min(1)).min(1),
  /** A paragraph's sentence, a list item, or a table cell (cells of one row share a line). */
  kind: z.enum(['sentence', 'item', 'cell']),
  /** Verbatim text, a substring of the Markdown file. */
  text: z.string().min(1),
  /** Extra words for indexing only (table header, row label, list lead-in); never quoted. */
  context: z.string(),
  /** 1-based line in the Markdown file. */
  line: z.number().int().positive(),
});
export type Clause = z.infer<typeof clauseSchema>;

export interface Policy {
  meta: PolicyMeta;
  file: string;
  clauses: Clause[];
}

/** What an answer shows for each clause it rests on. */
export interface Citation {
  policy: PolicyId;
  /** Human-readable place: "融科联创服务器保修 › 上门服务响应时间 › 北京·上海·深圳". */
  section: string;
  quote: string;
}

export interface RankedClause {
  clause: Clause;
  score: number;
}

export interface KnowledgeAnswer {
  /** answered: cited answer; ambiguous: asks which policy applies; unsure: no answer given. */
  kind: 'answered' | 'ambiguous' | 'unsure';
  /** The reply text in Chinese (for 'unsure' it says so and offers topics and a human). */
  text: string;
  citations: Citation[];
  /** 0..1, how sure retrieval is that the top clause answers the question. */
  confidence: number;
  /** Closest topics to offer ("您是想问…"), as short section labels. */
  suggestions: string[];
}

/** The knowledge base as dialogs and the CLI see it. */
export interface KnowledgeBase {
  /** Ranks clauses for a question, best first. `policy` restricts to one document. */
  rank(question: string, options?: { policy?: PolicyId; limit?: number }): RankedClause[];
  /** Answers with verbatim citations, or says it is unsure. */
  answer(question: string, options?: { policy?: PolicyId }): KnowledgeAnswer;
  /** All policies as loaded. */
  policies(): Policy[];
  /** Finds a clause by policy and section path prefix, optionally containing a string. */
  findClause(policy: PolicyId, sectionPrefix: string[], containing?: string): Clause | undefined;
  /** Formats a clause as a citation. */
  cite(clause: Clause): Citation;
}
