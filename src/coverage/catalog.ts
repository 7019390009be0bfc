import { escapeRegExp } from '../text/escapeRegExp.js';
import { normalizeText } from '../text/normalize.js';
import type { CausesFile, PartsFile } from './loadCoverageData.js';
import { TermMatcher, type TermMatch } from './termMatcher.js';

/** A part as understood: its catalogue id (absent when not recognised) and a display name. */
export interface ResolvedPart {
  id: string | undefined;
  name: string;
  fuzzy: boolean;
}

/** A cause category found in the customer's words. */
export interface ResolvedCause {
  id: string;
  label: string;
  /** The customer's words that named it. */
  text: string;
  ordinaryUse: boolean;
  negated: boolean;
  /** Where the words (with a denial before them) are in the normalised text; absent for a fuzzy field match. */
  span?: { start: number; end: number };
}

/** Part names and aliases from knowledge/coverage/parts.json. */
export class PartCatalog {
  private readonly matcher: TermMatcher;
  private readonly names: Map<string, string>;

  constructor(private readonly file: PartsFile) {
    this.matcher = new TermMatcher(file.parts, file.notParts);
    this.names = new Map(file.parts.map((p) => [p.id, p.name]));
  }

  /**
   * When the text says elsewhere whether a disk or PSU is hot-swappable ("电源坏了，是热插拔的"),
   * the specific part's name; otherwise undefined.
   */
  hotSwapVariant(partId: string, text: string): string | undefined {
    const variants = this.file.hotSwap.variants[partId];
    if (!variants) return undefined;
    const t = normalizeText(text);
    const words = (list: string[]) => list.some((w) => t.includes(normalizeText(w)));
    const notHot = words(this.file.hotSwap.notHotWords);
    const hot = words(this.file.hotSwap.hotWords.filter((w) => !this.file.hotSwap.notHotWords.some((n) => t.includes(n) && n.includes(w))));
    if (notHot) return this.names.get(variants.fixed);
    return hot ? this.names.get(variants.hot) : undefined;
  }

  /** Resolves a part name such as "热拔插硬盘" or "cpu fan"; unknown parts keep the customer's words. */
  resolve(text: string): ResolvedPart {
    const hit = this.matcher.resolve(text);
    if (!hit) return { id: undefined, name: text, fuzzy: false };
    // "硬盘（热插拔）": the modifier outside the name still picks the specific part.
    const variant = this.hotSwapVariant(hit.id, text);
    const id = variant ? (this.matcher.resolve(variant)?.id ?? hit.id) : hit.id;
    return { id, name: this.names.get(id) ?? text, fuzzy: hit.fuzzy };
  }

  /**
   * Parts mentioned in free text, in order, denied ones ("不是硬盘") left out. A part named on
   * another ("显卡上那个小风扇") is the compound part when the catalogue knows it (显卡风扇).
   */
  find(text: string): TermMatch[] {
    const t = normalizeText(text);
    const found = this.matcher.findAll(t).filter((m) => !m.negated);
    const fillers = new Set(this.file.compoundFillers);
    const out: TermMatch[] = [];
    for (const m of found) {
      const parent = out.at(-1);
      const between = parent ? t.slice(parent.end, m.start) : '';
      const joined = parent && between.length <= 6 && [...between].every((c) => fillers.has(c)) ? this.matcher.exact(parent.alias + m.alias) : undefined;
      if (parent && joined && joined !== parent.id && joined !== m.id) {
        out[out.length - 1] = { id: joined, alias: this.names.get(joined) ?? m.alias, start: parent.start, end: m.end, negated: false };
      } else out.push(m);
    }
    return out;
  }

  name(id: string): string | undefined {
    return this.names.get(id);
  }
}

const clauseBreaks = '，。,;；!！?？\\s';

/** Matches the text before a cause when it makes the cause a step, intention or supposition. */
function notDoneRule(file: CausesFile): RegExp | undefined {
  const word = (w: string) =>
    w.startsWith('^') ? `(?:^|[${clauseBreaks}])${escapeRegExp(normalizeText(w.slice(1)))}` : escapeRegExp(normalizeText(w));
  const alternatives = [
    ...file.stepBefore.map((w) => `${word(w)}[^${clauseBreaks}]{0,3}$`),
    ...file.notDoneBefore.map((w) => `${word(w)}$`),
  ];
  return alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'u') : undefined;
}

/** Cause categories and synonyms from knowledge/coverage/causes.json. */
export class CauseCatalog {
  private readonly matcher: TermMatcher;
  private readonly byId: Map<string, CausesFile['causes'][number]>;
  private readonly notDone: RegExp | undefined;

  constructor(file: CausesFile) {
    this.matcher = new TermMatcher(file.causes, file.notCauses);
    this.byId = new Map(file.causes.map((c) => [c.id, c]));
    this.notDone = notDoneRule(file);
  }

  /**
   * Every cause named in the text (雷劈 → force_majeure), including denied ones marked negated.
   * `fuzzy`: a short cause field with a typo may still be matched; free text is matched exactly.
   */
  find(text: string, fuzzy = true): ResolvedCause[] {
    const normalized = normalizeText(text);
    const notDone = this.notDone;
    const matches = this.matcher.findAll(text);
    // A step or a supposition ("得拆开", "万一摔了") is neither asserted nor denied: it is dropped.
    const done = notDone ? matches.filter((m) => m.negated || !notDone.test(normalized.slice(0, m.start))) : matches;
    if (matches.length > 0 && done.length === 0) return [];
    const found = done.map((m) => ({
      ...this.toCause(m.id, m.alias, m.negated),
      span: { start: m.negationStart ?? m.start, end: m.end },
    }));
    if (found.length > 0) return found;
    // A short cause field with a typo still deserves a fuzzy try; long text does not (false hits).
    if (fuzzy && text.length <= 12) {
      const hit = this.matcher.resolve(text);
      if (hit) return [this.toCause(hit.id, text, false)];
    }
    return [];
  }

  private toCause(id: string, text: string, negated: boolean): ResolvedCause {
    const c = this.byId.get(id);
    return { id, label: c?.label ?? id, text, ordinaryUse: c?.ordinaryUse ?? false, negated };
  }
}
