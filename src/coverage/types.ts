import { z } from 'zod';
import { policyIdSchema, type Citation } from '../knowledge/types.js';

/** A calendar date written YYYY-MM-DD that exists on the calendar. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期不存在');

export const serviceModeSchema = z.enum(['onsite', 'send_in', 'ship_replacement', 'remote']);
export type ServiceMode = z.infer<typeof serviceModeSchema>;

export const remedySchema = z.enum(['replace', 'repair', 'paid', 'not_covered', 'ask']);
export type Remedy = z.infer<typeof remedySchema>;

/**
 * Where the failed part came from, when it is not part of the original machine
 * (rongke-server: repaired parts keep at least 3 months; added or paid parts get one year).
 * An optional extension of the input in issue 3.
 */
export const partHistorySchema = z.object({
  kind: z.enum(['replaced_under_warranty', 'added', 'paid_replacement']),
  date: isoDateSchema,
});
export type PartHistory = z.infer<typeof partHistorySchema>;

export const coverageInputSchema = z
  .object({
    policy: policyIdSchema,
    part: z.string().trim().min(1, '请说明哪个部件出了故障').max(100),
    cause: z.string().trim().max(200).optional(),
    /** The invoice date. */
    purchaseDate: isoDateSchema.optional(),
    factoryDate: isoDateSchema.optional(),
    deliveryDate: isoDateSchema.optional(),
    city: z.string().trim().max(100).optional(),
    repairsInLastYear: z.number().int().min(0).max(1000).optional(),
    /**
     * False when the customer has no valid invoice (lost, never issued): the purchase date then
     * does not start a warranty that runs from the invoice date. True when an invoice is stated.
     */
    invoice: z.boolean().optional(),
    /** Causes the customer ruled out ("不是雷击", "没摔没碰"), in their words. */
    deniedCauses: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    partHistory: partHistorySchema.optional(),
    today: isoDateSchema,
  })
  .superRefine((input, ctx) => {
    for (const field of ['purchaseDate', 'factoryDate', 'deliveryDate'] as const) {
      const value = input[field];
      if (value && value > input.today) ctx.addIssue({ code: 'custom', path: [field], message: '日期晚于今天' });
    }
    if (input.partHistory && input.partHistory.date > input.today) {
      ctx.addIssue({ code: 'custom', path: ['partHistory', 'date'], message: '日期晚于今天' });
    }
  });
export type CoverageInput = z.infer<typeof coverageInputSchema>;

export const citationSchema = z.object({ policy: policyIdSchema, section: z.string().min(1), quote: z.string().min(1) });

/** One fact a decision rested on: its value, and the customer's words when it was read from text. */
export const basisSchema = z.object({ field: z.string().min(1), value: z.string(), said: z.string().optional() });
export type DecisionBasis = z.infer<typeof basisSchema>;

export const coverageDecisionSchema = z.object({
  covered: z.boolean().nullable(),
  remedy: remedySchema,
  service: z.array(serviceModeSchema),
  onsiteHours: z.number().positive().nullable(),
  warrantyStart: isoDateSchema.nullable(),
  warrantyEnd: isoDateSchema.nullable(),
  reasons: z.array(z.string().min(1)).min(1),
  /** The clauses the decision rests on; none only when the policy has no coverage rules (covered null). */
  citations: z.array(citationSchema),
  /** The facts the decision used, in the order they mattered. */
  basis: z.array(basisSchema),
}).refine((d) => d.citations.length > 0 || d.covered === null, { message: 'a decision cites its clauses', path: ['citations'] });
export type CoverageDecision = z.infer<typeof coverageDecisionSchema> & { citations: Citation[] };

/** A fact the engine still needs, with the question to ask for it (Chinese). */
export interface MissingFact {
  field: 'policy' | 'part' | 'purchaseDate' | 'factoryDate' | 'deliveryDate' | 'city' | 'cause' | 'hotSwap' | 'exactDate';
  question: string;
  /** True when the decision (or the on-site time) cannot be given without it; false when it would only firm it up. */
  blocking: boolean;
}

/** Facts read from a customer's message; every field may be absent. */
export type CoverageFacts = Partial<Omit<CoverageInput, 'today'>>;

/** A date the customer gave only to the month or year: the range it may fall in. */
export interface DateSpan {
  field: 'purchaseDate' | 'factoryDate' | 'deliveryDate';
  text: string;
  earliest: string;
  latest: string;
}

/** A fact field as it appears in evidence and decision bases. */
export type FactField = keyof CoverageFacts;

/** Where a fact came from: the customer's words as typed and their offsets in the message. */
export interface FactEvidence {
  field: FactField;
  /** The customer's words ("发票早就找不着了", "放南京"). */
  text: string;
  start: number;
  end: number;
  /** What the words were read as ("2024-09-12", "江苏省南京市", "无有效发票"). */
  value: string;
}

export interface FactExtraction {
  facts: CoverageFacts;
  /** Dates known only to a range (the facts carry the earliest day). */
  imprecise: DateSpan[];
  /** The span of text behind each fact, negations and absences included. */
  evidence: FactEvidence[];
}

/** How to read a message: a lone date without a keyword answers the question just asked. */
export interface ExtractOptions {
  /** Which date a lone date is; default purchaseDate, null to leave lone dates unread. */
  loneDate?: DateSpan['field'] | null;
}

/** The coverage engine as dialogs and the CLI see it. */
export interface CoverageEngine {
  /** Decides coverage for checked input; throws AppError('bad_request') naming the field otherwise. */
  decide(input: unknown): CoverageDecision;
  /** Reads part, cause, dates, city, invoice, repairs and policy from Chinese text, relative to today (YYYY-MM-DD). */
  extractFacts(text: string, today: string, options?: ExtractOptions): FactExtraction;
  /** Facts still needed before (or to firm up) a decision, each with a question. */
  missingFacts(facts: CoverageFacts, today: string): MissingFact[];
  /** Extract + decide + list what is missing, in one call (what CoverageDialog uses). */
  assess(text: string, today: string, known?: CoverageFacts, options?: AssessOptions): CoverageAssessment;
  /** Decide from facts gathered so far (e.g. over several turns); null decision while policy or part is unknown. */
  assessFacts(facts: CoverageFacts, today: string, context?: FactContext): Omit<CoverageAssessment, 'extraction'>;
}

/** What is known about facts besides their values: imprecise dates and the words behind them. */
export interface FactContext {
  imprecise?: DateSpan[];
  /** Evidence from earlier turns; the decision's basis quotes it. */
  evidence?: FactEvidence[];
}

export interface AssessOptions extends ExtractOptions {
  /** Evidence for the known facts (from earlier turns). */
  evidence?: FactEvidence[];
}

export interface CoverageAssessment {
  facts: CoverageFacts;
  extraction: FactExtraction;
  /** Null when policy or part is still unknown. */
  decision: CoverageDecision | null;
  missing: MissingFact[];
}
