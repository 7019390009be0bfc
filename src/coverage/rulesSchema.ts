import { z } from 'zod';
import { policyIdSchema } from '../knowledge/types.js';
import { isoDateSchema, remedySchema, serviceModeSchema } from './types.js';

/** The clause a rule comes from: a section path prefix and a verbatim phrase inside that clause. */
const sourceSchema = z.object({
  section: z.array(z.string().min(1)).min(1),
  quote: z.string().min(1),
});

const base = {
  id: z.string().min(1),
  source: sourceSchema,
  /** Chinese sentence for the decision's reasons; {name} placeholders are filled in by the engine. */
  reason: z.string().min(1),
};

const partsSchema = z.union([z.array(z.string().min(1)).min(1), z.literal('*')]);

export const placeTierSchema = z.enum(['tier1', 'capital', 'city', 'county', 'case_by_case']);
export type PlaceTier = z.infer<typeof placeTierSchema>;

export const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('applicability'), producedOnOrAfter: isoDateSchema }),
  z.object({
    ...base,
    kind: z.literal('warrantyStart'),
    basis: z.enum(['invoice', 'factory_no_invoice', 'factory_invoice_after_delivery', 'factory_gap']),
    maxGapMonths: z.number().int().positive().optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('partCoverage'),
    parts: partsSchema,
    coverage: z.enum(['covered', 'excluded', 'ask']),
    months: z.number().int().positive().optional(),
  }),
  z.object({ ...base, kind: z.literal('repairedPart'), minMonths: z.number().int().positive(), onsite: z.boolean() }),
  z.object({
    ...base,
    kind: z.literal('addedPart'),
    when: z.enum(['in_warranty', 'after_warranty']),
    months: z.number().int().positive(),
    onsite: z.boolean(),
  }),
  z.object({
    ...base,
    kind: z.literal('serviceMode'),
    parts: partsSchema,
    remedy: remedySchema.optional(),
    modes: z.array(serviceModeSchema),
  }),
  z.object({ ...base, kind: z.literal('onsiteTime'), tier: placeTierSchema, hours: z.number().positive().nullable() }),
  z.object({ ...base, kind: z.literal('phoneResponse'), responseHours: z.number().positive(), solutionHours: z.number().positive() }),
  z.object({ ...base, kind: z.literal('exclusion'), causes: z.array(z.string().min(1)).min(1), remedy: remedySchema }),
  z.object({ ...base, kind: z.literal('unaddressedCause'), causes: z.array(z.string().min(1)).min(1) }),
  z.object({ ...base, kind: z.literal('expired'), remedy: remedySchema }),
  z.object({ ...base, kind: z.literal('inWarranty'), remedy: remedySchema }),
  z.object({ ...base, kind: z.literal('replacementWindow'), days: z.number().int().positive(), maxShipMonths: z.number().int().positive() }),
  z.object({
    ...base,
    kind: z.literal('repeatedRepairs'),
    parts: z.array(z.string().min(1)).min(1),
    minRepairs: z.number().int().positive(),
    windowMonths: z.number().int().positive(),
  }),
  z.object({ ...base, kind: z.literal('repairAfterWindow'), remedy: remedySchema }),
  z.object({ ...base, kind: z.literal('periodUnstated') }),
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule['kind'];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

/** The decision models of src/coverage/decisionModels.ts a policy's rules may name. */
export const decisionModelSchema = z.enum(['replace-then-repair', 'parts-warranty-onsite']);
export type DecisionModel = z.infer<typeof decisionModelSchema>;

/** A policy's knowledge/policies/<id>/coverage.json. */
export const policyRulesSchema = z.object({
  policy: policyIdSchema,
  /** How this policy's rules are applied. */
  model: decisionModelSchema,
  /** Words in a customer's message that point at this policy's product. */
  keywords: z.array(z.string().min(1)),
  /** Words that point at it only when no policy's keyword is in the message ("设备", "存储"). */
  weakKeywords: z.array(z.string().min(1)).default([]),
  rules: z.array(ruleSchema).min(1),
});
export type PolicyRules = z.infer<typeof policyRulesSchema>;
