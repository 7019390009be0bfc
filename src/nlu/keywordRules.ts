import Fuse from 'fuse.js';
import { escapeRegExp } from '../text/escapeRegExp.js';
import { normalizeText } from '../text/normalize.js';
import { compactText } from './extractFeatures.js';
import type { NluRules } from './loadNluData.js';
import type { Intent } from './types.js';

export interface RuleHit {
  intent: Intent;
  /** 0..1: 1 for an exact phrase, lower for a typo'd one. */
  confidence: number;
  rule: 'command' | 'containing';
}

interface Phrase {
  intent: Intent;
  phrase: string;
  maxChars: number;
}

// Fuse scores 0 (exact) .. 1; a typo in a 3-4 character command word scores about 0.3.
const FUZZY_THRESHOLD = 0.4;

/**
 * Keyword rules from knowledge/nlu/rules.json. A short message that is one of the command
 * phrases (typos tolerated through fuse.js) or that contains a telltale phrase gets its intent
 * with high confidence, before the statistical model is consulted.
 */
export class KeywordRules {
  private readonly fuse: Fuse<Phrase>;
  private readonly containing: Array<{ intent: Intent; phrases: string[] }>;
  private readonly fillerPattern: RegExp | null;
  /** No command phrase applies to a message longer than this. */
  private readonly longestCommand: number;

  constructor(rules: NluRules) {
    const phrases = rules.commands.flatMap((c) =>
      c.phrases.map((p) => ({ intent: c.intent, phrase: compactText(normalizeText(p)), maxChars: c.maxChars })),
    );
    this.fuse = new Fuse(phrases, {
      keys: ['phrase'],
      includeScore: true,
      ignoreLocation: true,
      threshold: FUZZY_THRESHOLD,
    });
    // A message more than 1/(1 − threshold) times as long as every phrase covers too little of
    // itself to score within the threshold, whatever fuse.js says: no need to ask it.
    const longestPhrase = Math.max(0, ...phrases.map((p) => [...p.phrase].length));
    this.longestCommand = Math.min(
      Math.max(0, ...phrases.map((p) => p.maxChars)),
      Math.floor(longestPhrase / (1 - FUZZY_THRESHOLD)),
    );
    this.containing = rules.containing.map((r) => ({
      intent: r.intent,
      phrases: r.phrases.map((p) => compactText(normalizeText(p))),
    }));
    const fillers = rules.fillers.map(escapeRegExp).join('|');
    this.fillerPattern = fillers ? new RegExp(`^(?:${fillers})+|(?:${fillers})+$`, 'gu') : null;
  }

  /** The best rule hit for a compacted, normalised message, if any. */
  match(compact: string): RuleHit | undefined {
    for (const r of this.containing) {
      if (r.phrases.some((p) => compact.includes(p))) return { intent: r.intent, confidence: 0.95, rule: 'containing' };
    }
    const stripped = this.fillerPattern ? compact.replace(this.fillerPattern, '') : compact;
    const candidates = [...new Set([compact, stripped].filter((c) => c.length > 0))];
    let best: RuleHit | undefined;
    for (const candidate of candidates) {
      const length = [...candidate].length;
      // A fuzzy search over every phrase is the costliest step of a turn: skip it when no rule could apply.
      if (length > this.longestCommand) continue;
      for (const result of this.fuse.search(candidate)) {
        const { phrase, maxChars, intent } = result.item;
        if (length > maxChars) continue;
        // Fuse finds the query inside the phrase; a fragment ("工" in "人工") is no command.
        const phraseLength = [...phrase].length;
        const coverage = Math.min(length, phraseLength) / Math.max(length, phraseLength);
        const score = (result.score ?? 1) + (1 - coverage);
        if (score > FUZZY_THRESHOLD) continue;
        const confidence = Math.max(0.6, Math.min(0.99, 1 - score));
        if (!best || confidence > best.confidence) best = { intent, confidence, rule: 'command' };
      }
    }
    return best;
  }
}
