import type { CoverageFacts, DialogDependencies, FactEvidenceView, RepairReport } from './dependencies.js';
import { fieldWithRole } from './form/formDefinition.js';
import { readFields } from './form/readFields.js';
import { policyFromModel, recognizePolicy } from './replies.js';
import { isSkip } from './zhYesNo.js';

/** The facts the coverage dialog asks about, in order; anything else the engine wants is not asked. */
export const askable = ['policy', 'part', 'purchaseDate', 'city', 'cause'] as const;
export type AskableFact = (typeof askable)[number];
const isAskable = (field: string): field is AskableFact => askable.some((a) => a === field);

/** What a coverage check knows so far, carried from one question to the next. */
export interface CoverageCheck {
  facts: CoverageFacts;
  attempts: Partial<Record<AskableFact, number>>;
  skipped: AskableFact[];
  asking?: AskableFact;
  reprompt?: string;
  /** Report items already said in the first message (model, serial, phone), carried into a report. */
  said?: RepairReport;
  /** The customer's words behind the facts, so the decision quotes them and a report keeps them. */
  evidence?: FactEvidenceView[];
}

/** The next fact the engine lacks that may be asked (not one the customer could not answer). */
export function nextMissing(check: CoverageCheck, deps: DialogDependencies): AskableFact | undefined {
  const { missing } = deps.coverage.assess('', deps.today(), check.facts);
  return missing
    .map((m) => m.field)
    .filter(isAskable)
    .find((f) => !check.skipped.includes(f));
}

/**
 * Takes one answer to the fact asked into the check, with whatever other facts and report items
 * it brings. 'learned' when the check moved on ("电源坏了" when asked for the product is progress
 * too), 'skipped' for "不知道", 'missed' otherwise.
 */
export function takeFactAnswer(
  check: CoverageCheck,
  field: AskableFact,
  text: string,
  deps: DialogDependencies,
): 'learned' | 'skipped' | 'missed' {
  const { texts, coverage } = deps;
  const items = reportItemsIn(text, texts);
  check.said = { ...check.said, ...items };
  const named =
    recognizePolicy(text, texts) ?? policyFromModel(items[fieldWithRole(texts.form, 'productModel')?.key ?? ''], texts);
  const picked = check.facts.policy === undefined ? named : undefined;
  const known = picked ? { ...check.facts, policy: picked } : check.facts;
  const learned = (facts: CoverageFacts) => askable.filter((f) => facts[f] !== undefined).length;
  const knownBefore = learned(check.facts);
  // "不知道" skips the asked fact; it must not turn up as some other fact (the engine reads it as a cause).
  const skipped = isSkip(text, texts.vocab);
  const assessment = coverage.assess(text, deps.today(), known);
  const assessed = assessment.facts;
  check.facts = skipped && assessed[field] === undefined ? known : assessed;
  const said = new Set(assessment.extraction.evidence.map((e) => e.field));
  check.evidence = [...(check.evidence ?? []).filter((e) => !said.has(e.field)), ...assessment.extraction.evidence];
  const progressed = learned(check.facts) > knownBefore || Object.keys(items).length > 0;
  if (check.facts[field] !== undefined || progressed) return 'learned';
  return skipped ? 'skipped' : 'missed';
}

/** Codes and phone numbers said along the way ("R5300", "SN…"), kept for a report that may follow. */
export function reportItemsIn(text: string, texts: DialogDependencies['texts']): RepairReport {
  const { values } = readFields(text, texts.repairForm);
  const items: RepairReport = {};
  for (const f of texts.form)
    if ((f.kind === 'code' || f.kind === 'phone') && values[f.key]) items[f.key] = values[f.key];
  return items;
}
