import type { PolicyId } from '../knowledge/types.js';
import type { CauseCatalog, PartCatalog } from './catalog.js';
import type { QuestionsFile } from './loadCoverageData.js';
import type { PlaceResolver } from './places.js';
import { readDates } from './readDates.js';
import { readPartHistory } from './readPartHistory.js';
import { readInvoice, readPolicy, readRepairCount } from './readStatements.js';
import { sourceText, type SourceText } from './sourceText.js';
import { normalizeText } from '../text/normalize.js';
import type { CoverageFacts, DateSpan, PartHistory, ExtractOptions, FactEvidence, FactExtraction, FactField } from './types.js';

export interface ExtractorDeps {
  parts: PartCatalog;
  causes: CauseCatalog;
  places: PlaceResolver;
  questions: QuestionsFile;
  policyKeywords: { policy: PolicyId; keywords: string[] }[];
  /** Consulted only when no policy keyword is in the message. */
  weakPolicyKeywords?: { policy: PolicyId; keywords: string[] }[];
  /**
   * The text as the customer meant it: pinyin read and homophone typos of domain words mended
   * ("yingpan" → 硬盘, "法票" → 发票). Facts the typed text does not give are read from it.
   */
  readable?: (text: string) => string;
}

/**
 * Reads coverage facts from a customer's Chinese message. Nothing here guesses: what is not
 * found stays absent, so the dialog asks for it. Every fact keeps the words it came from,
 * and denials are facts too: no invoice ("发票丢了"), causes ruled out ("不是雷击"), a product
 * ruled out ("不是融科那个牌子").
 */
export function extractFacts(deps: ExtractorDeps, raw: string, today: string, options: ExtractOptions = {}): FactExtraction {
  const typed = extractFrom(deps, sourceText(raw), today, options, true);
  const meant = deps.readable?.(raw);
  if (meant === undefined || meant === normalizeText(raw)) return typed;
  // What the typed words give stands; the mended reading only fills the gaps (its words are
  // quoted as read, since its offsets are not the message's).
  const mended = extractFrom(deps, sourceText(meant), today, options, false);
  // Dates come from the typed words only (the mended pass reads none): what a date is depends on
  // the words around it, and a mended reading may have changed those ("一直报警" is no purchase).
  const gap = (field: FactField) => typed.facts[field] === undefined;
  const facts: CoverageFacts = { ...typed.facts };
  for (const e of mended.evidence) if (gap(e.field)) Object.assign(facts, { [e.field]: mended.facts[e.field] });
  return {
    facts,
    imprecise: typed.imprecise,
    evidence: [...typed.evidence, ...mended.evidence.filter((e) => gap(e.field))],
  };
}

const partHistoryLabels: Record<PartHistory['kind'], string> = {
  replaced_under_warranty: '保修期内更换的部件',
  added: '后来加装的部件',
  paid_replacement: '收费更换的部件',
};

function extractFrom(
  deps: ExtractorDeps,
  source: SourceText,
  today: string,
  options: ExtractOptions,
  withDates: boolean,
): FactExtraction {
  const text = source.text;
  const facts: CoverageFacts = {};
  const evidence: FactEvidence[] = [];
  const imprecise: DateSpan[] = [];
  const note = (field: FactField, start: number, end: number, value: string) => {
    evidence.push({ field, value, ...source.span(start, end) });
  };

  const negators = deps.questions.policyNegators;
  const policy =
    readPolicy(text, deps.policyKeywords, negators) ?? readPolicy(text, deps.weakPolicyKeywords ?? [], negators);
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

  const repairs = readRepairCount(text, deps.questions.repairCount);
  if (repairs) {
    facts.repairsInLastYear = repairs.value;
    note('repairsInLastYear', repairs.start, repairs.end, String(repairs.value));
  }

  // The mended reading gives no dates (see extractFacts), nor the part's history, which rests on one.
  if (!withDates) return { facts, imprecise, evidence: evidence.filter((e) => e.text.length > 0) };
  const { read: dates, found } = readDates(text, today, deps.questions, options.loneDate === undefined ? 'purchaseDate' : options.loneDate);
  const history = readPartHistory(text, found, deps.questions, dates.filter((d) => !d.lone));
  if (history && history.value.date <= today) {
    facts.partHistory = history.value;
    note('partHistory', history.start, history.end, `${partHistoryLabels[history.value.kind]} ${history.value.date}`);
  }
  for (const d of dates) {
    if (facts[d.field] !== undefined) continue;
    // The date of the replacement is not the purchase, though no keyword said so.
    if (d.lone && facts.partHistory && d.start === history?.date.start) continue;
    facts[d.field] = d.earliest;
    note(d.field, d.start, d.end, d.earliest === d.latest ? d.earliest : `${d.earliest}～${d.latest}`);
    if (d.latest !== d.earliest) imprecise.push({ field: d.field, text: source.span(d.start, d.end).text, earliest: d.earliest, latest: d.latest });
  }

  return { facts, imprecise, evidence: evidence.filter((e) => e.text.length > 0) };
}
