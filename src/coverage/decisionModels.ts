import { decideRongke, type DecisionContext } from './decideRongke.js';
import { decideStandard } from './decideStandard.js';
import type { DecisionModel, PolicyRules } from './rulesSchema.js';
import type { CoverageDecision } from './types.js';

/**
 * The ways of deciding coverage the engine knows (their names: decisionModelSchema). A policy's coverage.json names one; its rules
 * (periods, parts, exclusions, each quoting its clause) are data the model reads.
 * - `replace-then-repair`: a replacement window, then a repair window, software warranty apart
 *   (the standard service policy);
 * - `parts-warranty-onsite`: per-part warranty periods from a start date that depends on the
 *   invoice, service modes and on-site times by city, exclusions (the 融科联创 server policy).
 */
export const decisionModels = {
  'replace-then-repair': decideStandard,
  'parts-warranty-onsite': decideRongke,
} satisfies Record<DecisionModel, (rules: PolicyRules, ctx: DecisionContext) => CoverageDecision>;
