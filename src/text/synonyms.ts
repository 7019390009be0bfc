import { join } from 'node:path';
import { z } from 'zod';
import { normalizeText } from './normalize.js';
import { readJsonFile } from '../knowledge/readJsonFile.js';

const synonymFileSchema = z.object({
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

/** Maps customer variants onto one canonical word, applied to normalised text. */
export class SynonymMap {
  private readonly canonicalOf = new Map<string, string>();
  private readonly pattern: RegExp | null;

  constructor(groups: string[][]) {
    for (const group of groups) {
      const canonical = normalizeText(group[0] ?? '');
      for (const variant of group) this.canonicalOf.set(normalizeText(variant), canonical);
    }
    // Longest first so 非热插拔 wins over 热插拔; canonical forms match themselves and stay intact.
    // Single characters are only rewritten as whole tokens (canonicalWord): as substrings
    // they would fire inside other words (修 in 装修).
    const variants = [...this.canonicalOf.keys()].filter((v) => [...v].length > 1).sort((a, b) => b.length - a.length);
    const alternatives = variants.map((v) => {
      const escaped = v.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      // Latin variants only match whole words: "sn" must not fire inside "isnt".
      return /^[a-z0-9 /-]+$/.test(v) ? `(?<![a-z])${escaped}(?![a-z])` : escaped;
    });
    this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'g') : null;
  }

  /** Rewrites every known multi-character variant in already-normalised text to its canonical form. */
  canonicalize(normalized: string): string {
    if (!this.pattern) return normalized;
    return normalized.replace(this.pattern, (m) => this.canonicalOf.get(m) ?? m);
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
