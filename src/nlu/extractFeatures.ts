import { isCjk, normalizeText } from '../text/normalize.js';
import type { Segmenter } from '../text/segment.js';
import type { CueCombo, CueDefinition } from './loadNluData.js';

/** Longer messages are cut before classification: intent shows early and NB scores underflow on long input. */
export const MAX_CLASSIFIED_CHARS = 300;

export interface MessageAnalysis {
  /** normalizeText output (NFKC, simplified, lower-case) with pinyin read and typos of domain words mended. */
  normalized: string;
  /** Normalised with synonyms mapped to canonical words. */
  canonical: string;
  /** Letters, digits and ideographs only: what command rules compare. */
  compact: string;
  /** Content words from the segmenter. */
  words: string[];
  /** Names of the cues present (question, request, cause…). */
  cues: string[];
  /** Everything the classifier sees: words, character uni/bigrams, @cues. */
  features: string[];
}

interface CompiledCue {
  name: string;
  test(normalized: string): boolean;
}

function compileCue(cue: CueDefinition): CompiledCue {
  if ('pattern' in cue) {
    const re = new RegExp(cue.pattern, 'u');
    return { name: cue.name, test: (n) => re.test(n) };
  }
  const words = cue.words.map(normalizeText);
  return { name: cue.name, test: (n) => words.some((w) => n.includes(w)) };
}

/** Strips everything but letters, digits and ideographs. */
export function compactText(normalized: string): string {
  return normalized.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Turns a message into the feature tokens the classifier and rules share. */
export class FeatureExtractor {
  private readonly cues: CompiledCue[];

  constructor(
    private readonly segmenter: Segmenter,
    cues: CueDefinition[],
    private readonly combos: CueCombo[] = [],
  ) {
    this.cues = cues.map(compileCue);
  }

  /** Analyses one message (cut to MAX_CLASSIFIED_CHARS). */
  analyse(text: string): MessageAnalysis {
    const normalized = this.segmenter.readable(text.slice(0, MAX_CLASSIFIED_CHARS * 2)).slice(0, MAX_CLASSIFIED_CHARS);
    const canonical = this.segmenter.canonical(normalized);
    const words = this.segmenter.tokens(normalized);
    // Cues read the customer's own words, not the synonym-rewritten text, so they stay
    // independent of how aggressively the shared synonym map rewrites (台风 → 不可抗力).
    const cues = this.cues.filter((c) => c.test(normalized)).map((c) => c.name);
    const features = new Set<string>(words);
    // Character n-grams catch typos and words jieba cuts differently; CJK runs only, Latin words come through `words`.
    for (const run of compactText(canonical).match(/\p{Script=Han}+/gu) ?? []) {
      const chars = [...run];
      chars.forEach((ch, i) => {
        if (isCjk(ch)) features.add(`u:${ch}`);
        const next = chars[i + 1];
        if (next) features.add(`b:${ch}${next}`);
      });
    }
    for (const c of cues) features.add(`@${c}`);
    // Naive Bayes cannot learn interactions ("a symptom and no question"), so they come as features.
    for (const combo of this.combos) {
      if (combo.all.every((c) => cues.includes(c)) && !combo.none.some((c) => cues.includes(c)))
        features.add(`@@${combo.name}`);
    }
    if (features.size === 0) features.add('@empty');
    return { normalized, canonical, compact: compactText(normalized), words, cues, features: [...features] };
  }
}
