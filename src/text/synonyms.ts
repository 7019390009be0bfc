import { join } from 'node:path';
import { z } from 'zod';
import { normalizeText } from './normalize.js';
import { readJsonFile } from '../knowledge/readJsonFile.js';

const synonymFileSchema = z.object({
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

const LATIN_VARIANT = /^[a-z0-9 /-]+$/;
const LATIN_LETTER = /^[a-z]$/;

/** Maps customer variants onto one canonical word, applied to normalised text. */
export class SynonymMap {
  private readonly canonicalOf = new Map<string, string>();
  /** Multi-character variants by their first UTF-16 unit, longest first (what a left-to-right scan tries at a position). */
  private readonly variantsByFirst = new Map<string, string[]>();

  constructor(groups: string[][]) {
    for (const group of groups) {
      const canonical = normalizeText(group[0] ?? '');
      for (const variant of group) this.canonicalOf.set(normalizeText(variant), canonical);
    }
    // Longest first so 非热插拔 wins over 热插拔; canonical forms match themselves and stay intact.
    // Single characters are only rewritten as whole tokens (canonicalWord): as substrings
    // they would fire inside other words (修 in 装修).
    const variants = [...this.canonicalOf.keys()].filter((v) => [...v].length > 1).sort((a, b) => b.length - a.length);
    for (const v of variants) {
      const first = v[0] ?? '';
      const bucket = this.variantsByFirst.get(first);
      if (bucket) bucket.push(v);
      else this.variantsByFirst.set(first, [v]);
    }
  }

  /** Rewrites every known multi-character variant in already-normalised text to its canonical form. */
  canonicalize(normalized: string): string {
    // One left-to-right scan taking the longest variant at each position (a regex alternation of
    // ~1,000 variants did the same, trying each of them at every position).
    let out = '';
    let copiedTo = 0;
    for (let i = 0; i < normalized.length;) {
      const match = this.variantAt(normalized, i);
      if (match === undefined) {
        i++;
        continue;
      }
      out += normalized.slice(copiedTo, i) + (this.canonicalOf.get(match) ?? match);
      i += match.length;
      copiedTo = i;
    }
    return copiedTo === 0 ? normalized : out + normalized.slice(copiedTo);
  }

  private variantAt(text: string, at: number): string | undefined {
    for (const v of this.variantsByFirst.get(text[at] ?? '') ?? []) {
      if (!text.startsWith(v, at)) continue;
      // Latin variants only match whole words: "sn" must not fire inside "isnt".
      if (
        LATIN_VARIANT.test(v) &&
        (LATIN_LETTER.test(text[at - 1] ?? '') || LATIN_LETTER.test(text[at + v.length] ?? ''))
      )
        continue;
      return v;
    }
    return undefined;
  }

  /** The canonical form of one word, or the word itself. */
  canonicalWord(word: string): string {
    return this.canonicalOfNormalized(normalizeText(word));
  }

  /** canonicalWord for a word already normalised (e.g. cut from normalised text): no second normalisation. */
  canonicalOfNormalized(word: string): string {
    return this.canonicalOf.get(word) ?? word;
  }

  /** Every variant and canonical form known. */
  allVariants(): string[] {
    return [...this.canonicalOf.keys()];
  }

  /** Every variant that maps onto the canonical form of `word` (including itself). */
  variantsOf(word: string): string[] {
    const canonical = this.canonicalWord(word);
    return [...this.canonicalOf.entries()].filter(([, c]) => c === canonical).map(([v]) => v);
  }
}

/**
 * Loads knowledge/text/synonyms.json, plus groups from elsewhere (the lead's, from the store:
 * canonical word first); throws naming the file when it is malformed.
 */
export function loadSynonyms(knowledgeDir: string, extraGroups: readonly string[][] = []): SynonymMap {
  const file = join(knowledgeDir, 'text', 'synonyms.json');
  const data = readJsonFile(file, synonymFileSchema);
  return new SynonymMap([...data.groups, ...extraGroups]);
}
