import Fuse from 'fuse.js';
import { normalizeText } from '../text/normalize.js';

export interface TermEntry {
  id: string;
  aliases: string[];
}

export interface TermMatch {
  id: string;
  alias: string;
  start: number;
  end: number;
  /** True when a negation (没有, 未, 不是 …) stands right before the match. */
  negated: boolean;
  /** Where the denial starts ("没摔" starts at 没), when negated. */
  negationStart?: number;
}

// "没有进水", "没摔过", "不是雷劈的": the term is denied, not asserted.
const negationBefore = /(没有|没|未曾|未|无|并非|不是|从未|从来没|不曾|别)[被过让把再]?$/;
const latin = /[a-z0-9]/;

/** The start of a negation ending right before `at` ("不是雷击" → the index of 不), if any. */
export function negationAt(text: string, at: number): number | undefined {
  const before = text.slice(Math.max(0, at - 5), at);
  const m = negationBefore.exec(before);
  return m ? at - m[0].length : undefined;
}

/**
 * Finds known terms (parts, causes) in text: longest alias first, no overlaps,
 * Latin aliases only on word boundaries, then fuzzy (fuse.js) for short field values with typos.
 */
export class TermMatcher {
  private readonly aliases: { id: string; alias: string }[];
  private readonly fuse: Fuse<{ id: string; alias: string }>;

  /**
   * @param masks words that contain an alias but are not the term (电源键 holds 电源): where they
   * occur, nothing is found.
   */
  constructor(entries: TermEntry[], masks: string[] = []) {
    const terms = entries.flatMap((e) => e.aliases.map((a) => ({ id: e.id, alias: normalizeText(a) })));
    const masked = masks.map((m) => ({ id: '', alias: normalizeText(m) }));
    this.aliases = [...terms, ...masked].filter((a) => a.alias.length > 0).sort((a, b) => b.alias.length - a.alias.length);
    this.fuse = new Fuse(
      this.aliases.filter((a) => a.id !== ''),
      { keys: ['alias'], includeScore: true, threshold: 0.4, ignoreLocation: true },
    );
  }

  /** Every non-overlapping alias occurrence in the text, in text order. */
  findAll(text: string): TermMatch[] {
    const t = normalizeText(text);
    const taken: boolean[] = new Array<boolean>(t.length).fill(false);
    const found: TermMatch[] = [];
    for (const { id, alias } of this.aliases) {
      let from = 0;
      for (let at = t.indexOf(alias, from); at >= 0; at = t.indexOf(alias, from)) {
        from = at + 1;
        const end = at + alias.length;
        if (taken.slice(at, end).some(Boolean)) continue;
        if (latin.test(alias[0] ?? '') && latin.test(t[at - 1] ?? '')) continue;
        if (latin.test(alias[alias.length - 1] ?? '') && /[a-z]/.test(t[end] ?? '') && t[end] !== 's') continue;
        for (let i = at; i < end; i++) taken[i] = true;
        if (id === '') continue;
        const negationStart = negationAt(t, at);
        found.push({ id, alias, start: at, end, negated: negationStart !== undefined, ...(negationStart !== undefined ? { negationStart } : {}) });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }

  /** The term whose alias is exactly this text, if any. */
  exact(value: string): string | undefined {
    const v = normalizeText(value);
    return this.aliases.find((a) => a.id !== '' && a.alias === v)?.id;
  }

  /**
   * Resolves a short field value (e.g. the input's part): exact alias, else the longest alias
   * inside it, else the closest alias by fuzzy match when one is clearly closest.
   */
  resolve(value: string): { id: string; fuzzy: boolean } | undefined {
    const v = normalizeText(value);
    const exact = this.exact(v);
    if (exact) return { id: exact, fuzzy: false };
    const inside = this.findAll(v).filter((m) => !m.negated);
    const longest = inside.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    if (longest) return { id: longest.id, fuzzy: false };
    const hits = this.fuse.search(v, { limit: 3 });
    const [first, second] = hits;
    if (!first || first.score === undefined || first.score > 0.35) return undefined;
    // Two different terms equally close means the typo is ambiguous: better to ask.
    if (second && second.item.id !== first.item.id && (second.score ?? 1) - first.score < 0.05) return undefined;
    return { id: first.item.id, fuzzy: true };
  }
}
