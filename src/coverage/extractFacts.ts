import { normalizeText } from '../text/normalize.js';
import type { PolicyId } from '../knowledge/types.js';
import type { CauseCatalog, PartCatalog } from './catalog.js';
import { extractDates } from './extractDates.js';
import type { QuestionsFile } from './loadCoverageData.js';
import type { PlaceResolver } from './places.js';
import type { CoverageFacts, DateSpan, FactExtraction } from './types.js';

export interface ExtractorDeps {
  parts: PartCatalog;
  causes: CauseCatalog;
  places: PlaceResolver;
  questions: QuestionsFile;
  policyKeywords: { policy: PolicyId; keywords: string[] }[];
}

type DateField = DateSpan['field'];
const clauseBreak = /[，。,;；!！?？\n]/;
const countRe = /([0-9一二两三四五六七八九十]+)次/g;
const smallNumbers: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** The clause (between punctuation) around a span of text. */
function clauseAround(text: string, start: number, end: number): { text: string; offset: number } {
  let from = start;
  while (from > 0 && !clauseBreak.test(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && !clauseBreak.test(text[to] ?? '')) to++;
  return { text: text.slice(from, to), offset: from };
}

// "在杭洲", "位于深川": a place name with a typo is only looked for right after such words.
const placeMarker = /(?:在|位于|地址是?|地处|坐标)([\p{Script=Han}]{2,4})/gu;

function fuzzyPlaceAfterMarker(deps: ExtractorDeps, text: string) {
  for (const m of text.matchAll(placeMarker)) {
    const words = m[1] ?? '';
    for (let len = Math.min(4, words.length); len >= 2; len--) {
      const hit = deps.places.resolve(words.slice(0, len));
      if (hit?.tier) return hit;
    }
  }
  return undefined;
}

/** Which date a keyword in the same clause says this is (买 → purchase, 出厂 → factory, 到货 → delivery). */
function dateFieldNear(text: string, start: number, end: number, q: QuestionsFile): DateField | undefined {
  const clause = clauseAround(text, start, end);
  let best: { field: DateField; distance: number } | undefined;
  for (const field of ['purchaseDate', 'factoryDate', 'deliveryDate'] as const) {
    for (const k of q.dateKeywords[field]) {
      for (let at = clause.text.indexOf(k); at >= 0; at = clause.text.indexOf(k, at + 1)) {
        const pos = clause.offset + at;
        const distance = pos >= end ? pos - end : start - (pos + k.length);
        if (!best || Math.abs(distance) < best.distance) best = { field, distance: Math.abs(distance) };
      }
    }
  }
  return best?.field;
}

/**
 * Reads coverage facts from a customer's Chinese message. Nothing here guesses: what is not
 * found stays absent, so the dialog asks for it.
 */
export function extractFacts(deps: ExtractorDeps, raw: string, today: string): FactExtraction {
  const text = normalizeText(raw);
  const facts: CoverageFacts = {};
  const evidence: FactExtraction['evidence'] = [];
  const imprecise: DateSpan[] = [];

  const policy = deps.policyKeywords.find((p) => p.keywords.some((k) => text.includes(normalizeText(k))));
  if (policy) {
    facts.policy = policy.policy;
    evidence.push({ field: 'policy', text: policy.keywords.find((k) => text.includes(normalizeText(k))) ?? '' });
  }

  const causeMatches = deps.causes.find(text);
  const asserted = causeMatches.filter((c) => !c.negated);
  const exclusionCauses = asserted.filter((c) => !c.ordinaryUse);
  const chosen = exclusionCauses.length > 0 ? exclusionCauses : asserted;
  if (chosen.length > 0) {
    facts.cause = [...new Set(chosen.map((c) => c.text))].join('，');
    evidence.push({ field: 'cause', text: facts.cause });
  }

  // Words inside a cause ("第三方配件", "电压") are not the failed part.
  const causeWords = causeMatches.map((c) => c.text);
  const part = deps.parts.find(text).find((m) => !causeWords.some((w) => w.includes(m.alias) && w !== m.alias));
  if (part) {
    facts.part = deps.parts.hotSwapVariant(part.id, text) ?? part.alias;
    evidence.push({ field: 'part', text: part.alias });
  }

  const place = deps.places.find(text) ?? fuzzyPlaceAfterMarker(deps, text);
  if (place) {
    facts.city = place.ambiguous ? place.matched : place.name;
    evidence.push({ field: 'city', text: place.matched });
  }

  const unassigned: { text: string; earliest: string; latest: string }[] = [];
  for (const d of extractDates(text, today)) {
    const field = dateFieldNear(text, d.start, d.end, deps.questions);
    if (field && facts[field] === undefined) {
      facts[field] = d.earliest;
      evidence.push({ field, text: d.text });
      if (d.latest !== d.earliest) imprecise.push({ field, text: d.text, earliest: d.earliest, latest: d.latest });
    } else if (!field && !startsFault(text.slice(d.end, d.end + 6), deps.questions.faultOnsetWords)) {
      unassigned.push(d);
    }
  }
  // A lone date without a keyword is most often the purchase ("2024年5月的机器").
  const lone = unassigned[0];
  if (lone && facts.purchaseDate === undefined && unassigned.length === 1) {
    facts.purchaseDate = lone.earliest;
    evidence.push({ field: 'purchaseDate', text: lone.text });
    if (lone.latest !== lone.earliest) imprecise.push({ field: 'purchaseDate', ...lone });
  }

  for (const m of text.matchAll(countRe)) {
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    if (!deps.questions.repairCount.some((k) => before.includes(k)) && !/修/.test(before)) continue;
    const n = m[1] && /^\d+$/.test(m[1]) ? Number(m[1]) : smallNumbers[m[1] ?? ''];
    if (n !== undefined) {
      facts.repairsInLastYear = n;
      evidence.push({ field: 'repairsInLastYear', text: m[0] });
      break;
    }
  }
  return { facts, imprecise, evidence };
}

/** True when the words right after a date say the fault began then ("前天开始一直报警"). */
function startsFault(after: string, onsetWords: string[]): boolean {
  const clause = after.split(/[，,。；;！!？?]/)[0] ?? '';
  return onsetWords.some((w) => clause.includes(w));
}
