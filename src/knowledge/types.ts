import { z } from 'zod';

/** A policy's id: the name of its folder under knowledge/policies/ (lower-case letters, digits, dashes). */
export const policyIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a policy id is lower-case letters, digits and dashes');
export type PolicyId = z.infer<typeof policyIdSchema>;

/** Front matter every policy document carries. */
export const policyMetaSchema = z.object({
  id: policyIdSchema,
  title: z.string().min(1),
  issuer: z.string().min(1).optional(),
  hotline: z.string().min(1).optional(),
  appliesTo: z.string().min(1).optional(),
  /** Words that name this product or policy in a customer's message, comma-separated in the file. */
  names: z
    .string()
    .default('')
    .transform((s) => s.split(/[,，]/).map((w) => w.trim()).filter(Boolean)),
  /** A regular expression for this product line's model numbers ("R5300" is 融科联创's): the form attributes a report by it. */
  models: z
    .string()
    .refine((pattern) => compiles(pattern), 'not a valid regular expression')
    .optional(),
  /** The heading and words of the clause that promises a response time, quoted when a customer is handed to an agent. */
  responseSection: z.string().min(1).optional(),
  responseQuote: z.string().min(1).optional(),
  /** The promise in the bot's words, said with that quote. */
  responsePromise: z.string().min(1).optional(),
  /** "yes": the policy a ticket is filed under when the customer never says which product (one policy at most). */
  fallback: z
    .enum(['yes', 'no'])
    .default('no')
    .transform((v) => v === 'yes'),
});

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
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
  /** The fused score ranking is by. */
  score: number;
  /** BM25 of the clause's own text. */
  lexical: number;
  /** BM25 of the best alternative wording this clause answers (0 when none matched). */
  similar: number;
  /** Index of that alternative wording. */
  alternative?: number;
}

/** What the caller knows about the question beyond its text. */
export interface AnswerOptions {
  /** Answer from this policy only (the customer named it, now or earlier). */
  policy?: PolicyId;
  /** The intent matcher's view: probabilities of a policy question and of out of scope. */
  intent?: { policy: number; outOfScope: number };
  /** Ignore alternative wordings identical to the question (only for fitting the decision). */
  leaveOut?: boolean;
}

/** A topic offered when unsure: its label and where it points. */
export interface OfferedTopic {
  label: string;
  policy: PolicyId;
  section: string[];
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
  /** The offered topics with the section each points to (unsure answers only), so "1" can pick one. */
  topics?: OfferedTopic[];
  /** The best clauses considered, with their scores (for the unanswered-questions log). */
  candidates?: Array<Citation & { score: number }>;
}

/** The knowledge base as dialogs and the CLI see it. */
export interface KnowledgeBase {
  /** Ranks clauses for a question, best first. `policy` restricts to one document. */
  rank(question: string, options?: { policy?: PolicyId; limit?: number }): RankedClause[];
  /** Answers with verbatim citations, or says it is unsure. */
  answer(question: string, options?: AnswerOptions): KnowledgeAnswer;
  /** Answers an offered topic: the opening of that section. */
  answerTopic(topic: OfferedTopic): KnowledgeAnswer;
  /** The policy the customer names in the text ("融科的机器", "不是融科"), if exactly one. */
  attributePolicy(text: string): PolicyId | undefined;
  /** Every alternative wording the knowledge base matches questions against. */
  alternativeQuestions(): string[];
  /** All policies as loaded. */
  policies(): Policy[];
  /** Finds a clause by policy and section path prefix, optionally containing a string. */
  findClause(policy: PolicyId, sectionPrefix: string[], containing?: string): Clause | undefined;
  /** Formats a clause as a citation. */
  cite(clause: Clause): Citation;
}

/** The knowledge base with the decision's workings exposed (for `cli calibrate` and explanations). */
export interface InspectableKnowledgeBase extends KnowledgeBase {
  /** The answer decision's thresholds: answer, review (logged as low confidence), outOfScope (relevance floor). */
  decision(): { answer: number; review: number; outOfScope: number };
  /**
   * The answer with the evidence and probability the decision used; with `force` the cited answer
   * is composed even below the threshold.
   */
  inspect(question: string, options?: AnswerOptions, force?: boolean): { answer: KnowledgeAnswer; evidence?: Record<string, number>; probability: number };
}
