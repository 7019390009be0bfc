import { z } from 'zod';
import { addMonths } from '../../src/coverage/isoDate.js';
import { policyIdSchema } from '../../src/knowledge/types.js';
import type {
  CoverageDecisionView,
  CoverageFacts,
  DialogDependencies,
  FactEvidenceView,
  MissingFactView,
} from '../dependencies.js';
import { type DialogKnowledge } from '../dialogKnowledge.js';
import type { FormState } from './formState.js';
import { fillTemplate } from '../../src/text/template.js';

type FactKey = keyof CoverageFacts;
type DateFact = 'purchaseDate' | 'factoryDate' | 'deliveryDate';
const dateFacts: readonly string[] = ['purchaseDate', 'factoryDate', 'deliveryDate'];
const isDateFact = (field: string | undefined): field is DateFact => dateFacts.includes(field ?? '');

/** A fact taken in from the customer's words, for echoing back ("购买（发票）日期 2025-04-18（您说“…”）"). */
export interface TakenFact {
  field: string;
  value: string;
  said?: string;
}

// A coverage check hands its record through the dialog stack; zod reads back what the form uses.
const checkRecordSchema = z.object({
  facts: z
    .object({
      policy: policyIdSchema.optional(),
      part: z.string().optional(),
      purchaseDate: z.string().optional(),
      factoryDate: z.string().optional(),
      deliveryDate: z.string().optional(),
      city: z.string().optional(),
      cause: z.string().optional(),
      invoice: z.boolean().optional(),
      deniedCauses: z.array(z.string()).optional(),
      repairsInLastYear: z.number().optional(),
    })
    .default({}),
  evidence: z.array(z.object({ field: z.string(), text: z.string(), value: z.string() })).default([]),
});

/** The facts and the customer's words a coverage check already gathered, to start the form with. */
export function factsFromCheck(record: Record<string, unknown> | undefined): {
  facts: CoverageFacts;
  evidence: FactEvidenceView[];
} {
  const parsed = checkRecordSchema.safeParse(record ?? {});
  return parsed.success ? parsed.data : { facts: {}, evidence: [] };
}

/** How a fact's value reads for the customer. */
export function factValue(field: string, value: unknown, texts: DialogKnowledge): string {
  const { invoiceValues } = texts.wording.coverage;
  if (field === 'invoice') return value === false ? invoiceValues.no : invoiceValues.yes;
  if (field === 'policy' && typeof value === 'string') return texts.vocab.policyChoices[value] ?? value;
  return Array.isArray(value) ? value.join('、') : String(value);
}

/**
 * Reads coverage facts (dates, invoice, place, part, cause, repairs) from the customer's words
 * into the form: later words replace earlier ones, each keeps its evidence. `only` limits the
 * facts taken (an address gives only the place). A date without a keyword counts only as the
 * answer to the date the summary just asked for. The form's product is its own (state.policy).
 */
export function takeFacts(
  state: FormState,
  text: string,
  deps: DialogDependencies,
  only?: readonly string[],
): TakenFact[] {
  if (!text.trim()) return [];
  const loneDate = isDateFact(state.askedFact) ? state.askedFact : null;
  const { extraction } = deps.coverage.assess(text, deps.today(), {}, { loneDate });
  const taken: TakenFact[] = [];
  const known = state.coverage;
  const facts: Partial<Record<string, unknown>> = { ...extraction.facts };
  for (const [field, value] of Object.entries(facts)) {
    if (value === undefined || field === 'policy' || (only && !only.includes(field))) continue;
    Object.assign(known.facts, { [field]: value });
    known.evidence = known.evidence.filter((e) => e.field !== field);
    const words = extraction.evidence.filter((e) => e.field === field);
    known.evidence.push(...words);
    known.skipped = known.skipped.filter((f) => f !== field);
    taken.push({
      field,
      value: factValue(field, value, deps.texts),
      said: words.map((w) => w.text).join('；') || undefined,
    });
  }
  return taken;
}

/** "购买（发票）日期 2025-04-18（您说“2025年4月18号”）" for each fact. */
export function takenText(taken: TakenFact[], texts: DialogKnowledge): string[] {
  const { factTitles, saidQuote } = texts.wording.coverage;
  return taken.map(
    (t) => `${factTitles[t.field] ?? t.field} ${t.value}${t.said ? fillTemplate(saidQuote, { said: t.said }) : ''}`,
  );
}

export interface FormDecision {
  decision: CoverageDecisionView | null;
  /** The facts the summary asks for, with their questions. */
  ask: MissingFactView[];
  /** True when no part was named and the whole machine's warranty was assumed. */
  partAssumed: boolean;
  facts: CoverageFacts;
  evidence: FactEvidenceView[];
}

/**
 * Decides coverage from what the form knows. Without a named part the whole machine's warranty
 * is decided (the engineer confirms the part). The summary asks for a missing fact when the
 * decision needs it, and for the factory date also when a factory date well before the invoice
 * (the policy starts the warranty there when the two are far apart) would change the outcome.
 */
export function decideForForm(state: FormState, deps: DialogDependencies): FormDecision {
  const { coverage: plan } = deps.texts.repairForm;
  const partAssumed = !state.coverage.facts.part;
  const facts: CoverageFacts = {
    ...state.coverage.facts,
    ...(state.policy ? { policy: state.policy } : {}),
    ...(partAssumed ? { part: plan.wholeMachinePart } : {}),
  };
  const evidence = state.coverage.evidence;
  const assess = (f: CoverageFacts) => deps.coverage.assess('', deps.today(), f, { evidence });
  const { decision, missing } = assess(facts);
  const wanted = (field: string) => plan.ask.some((a) => a === field) && !state.coverage.skipped.includes(field);
  // The invoice date comes first; the factory date matters only without an invoice or far from it.
  const ask = missing.filter(
    (m) =>
      m.blocking && wanted(m.field) && !(m.field === 'factoryDate' && facts.invoice !== false && !facts.purchaseDate),
  );
  if (
    decision &&
    facts.purchaseDate &&
    !facts.factoryDate &&
    facts.invoice !== false &&
    wanted('factoryDate') &&
    !ask.some((m) => m.field === 'factoryDate')
  ) {
    const early = assess({
      ...facts,
      factoryDate: addMonths(facts.purchaseDate, -plan.factoryDateMayMatterMonths),
    }).decision;
    const factory = missing.find((m) => m.field === 'factoryDate');
    if (factory && early && (early.covered !== decision.covered || early.remedy !== decision.remedy)) ask.push(factory);
  }
  const order = (m: MissingFactView) => plan.ask.findIndex((a) => a === m.field);
  return { decision, ask: ask.sort((a, b) => order(a) - order(b)), partAssumed, facts, evidence };
}

/** What the ticket keeps of the coverage decision: facts, the customer's words, the decision with its citations. */
export function coverageRecord(
  state: FormState,
  result: FormDecision,
  texts: DialogKnowledge,
): Record<string, unknown> {
  const facts: Partial<Record<FactKey, unknown>> = { ...result.facts };
  return {
    facts,
    evidence: result.evidence.map(({ field, text, value }) => ({ field, text, value })),
    decision: result.decision
      ? {
          ...result.decision,
          ...(result.partAssumed ? { reasons: [texts.wording.repair.partAssumed, ...result.decision.reasons] } : {}),
        }
      : null,
    ...(result.partAssumed ? { assumed: ['part'] } : {}),
    ...(state.check ? { check: state.check } : {}),
  };
}
