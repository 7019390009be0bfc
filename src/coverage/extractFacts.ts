import type { PolicyId } from '../knowledge/types.js';
import type { CauseCatalog, PartCatalog } from './catalog.js';
import type { QuestionsFile } from './loadCoverageData.js';
import type { PlaceResolver } from './places.js';
import { readDates } from './readDates.js';
import { readInvoice, readPolicy, readRepairCount } from './readStatements.js';
import { sourceText } from './sourceText.js';
import type { CoverageFacts, DateSpan, ExtractOptions, FactEvidence, FactExtraction, FactField } from './types.js';

export interface ExtractorDeps {
  parts: PartCatalog;
  causes: CauseCatalog;
  places: PlaceResolver;
  questions: QuestionsFile;
  policyKeywords: { policy: PolicyId; keywords: string[] }[];
}

/**
 * Reads coverage facts from a customer's Chinese message. Nothing here guesses: what is not
 * found stays absent, so the dialog asks for it. Every fact keeps the words it came from,
 * and denials are facts too: no invoice ("发票丢了"), causes ruled out ("不是雷击"), a product
 * ruled out ("不是融科那个牌子").
 */
export function extractFacts(deps: ExtractorDeps, raw: string, today: string, options: ExtractOptions = {}): FactExtraction {
  const source = sourceText(raw);
  const text = source.text;
  const facts: CoverageFacts = {};
  const evidence: FactEvidence[] = [];
  const imprecise: DateSpan[] = [];
  const note = (field: FactField, start: number, end: number, value: string) => {
    evidence.push({ field, value, ...source.span(start, end) });
  };

  const policy = readPolicy(text, deps.policyKeywords, deps.questions.policyNegators);
  if (policy) {
    facts.policy = policy.value;
    note('policy', policy.start, policy.end, policy.value);
  }

  // Free text is matched exactly: a fuzzy guess would read "不对" or "没问题" as a cause.
  const causeMatches = deps.causes.find(text, false);
  const asserted = causeMatches.filter((c) => !c.negated);
  const exclusionCauses = asserted.filter((c) => !c.ordinaryUse);
  const chosen = exclusionCauses.length > 0 ? exclusionCauses : asserted;
  if (chosen.length > 0) {
    facts.cause = [...new Set(chosen.map((c) => c.text))].join('，');
    for (const c of chosen) if (c.span) note('cause', c.span.start, c.span.end, c.label);
  }
  const denied = causeMatches.filter((c) => c.negated && c.span);
  if (denied.length > 0) {
    facts.deniedCauses = [...new Set(denied.map((c) => c.text))];
    for (const c of denied) if (c.span) note('deniedCauses', c.span.start, c.span.end, `不是${c.label}`);
  }

  // Words inside a cause ("第三方配件", "电压") are not the failed part.
  const causeWords = causeMatches.map((c) => c.text);
  const part = deps.parts.find(text).find((m) => !causeWords.some((w) => w.includes(m.alias) && w !== m.alias));
  if (part) {
    facts.part = deps.parts.hotSwapVariant(part.id, text) ?? deps.parts.name(part.id) ?? part.alias;
    note('part', part.start, part.end, facts.part);
  }

  const place = deps.places.find(text) ?? deps.places.findAfterMarker(text);
  if (place) {
    facts.city = place.ambiguous ? place.matched : place.name;
    note('city', place.start ?? 0, place.end ?? 0, facts.city);
  }

  const invoice = readInvoice(text, deps.questions.invoice);
  if (invoice) {
    facts.invoice = invoice.value;
    note('invoice', invoice.start, invoice.end, invoice.value ? '有发票' : '无有效发票');
  }

  for (const d of readDates(text, today, deps.questions, options.loneDate === undefined ? 'purchaseDate' : options.loneDate)) {
    if (facts[d.field] !== undefined) continue;
    facts[d.field] = d.earliest;
    note(d.field, d.start, d.end, d.earliest === d.latest ? d.earliest : `${d.earliest}～${d.latest}`);
    if (d.latest !== d.earliest) imprecise.push({ field: d.field, text: source.span(d.start, d.end).text, earliest: d.earliest, latest: d.latest });
  }

  const repairs = readRepairCount(text, deps.questions.repairCount);
  if (repairs) {
    facts.repairsInLastYear = repairs.value;
    note('repairsInLastYear', repairs.start, repairs.end, String(repairs.value));
  }
  return { facts, imprecise, evidence: evidence.filter((e) => e.text.length > 0) };
}
