import { normalizeText } from '../text/normalize.js';
import type { MessageAnalysis } from './extractFeatures.js';
import type { Intent } from './types.js';

/**
 * Intents that only make sense about after-sales service; a message without domain words is not one of them.
 * Policy questions are not listed: the knowledge base judges those (the relevance gate in src/understanding),
 * since customers ask them in words no curated list holds ("寄块新盘过来没人会换").
 */
export const DOMAIN_INTENTS: ReadonlySet<Intent> = new Set(['report_fault', 'ticket_status']);

/** Cues that by themselves show the message is about a device or a ticket. */
const DOMAIN_CUES = new Set(['symptom', 'cause', 'ticket_number', 'serial']);

/**
 * Words that show a message is about after-sales service (the curated list in rules.json).
 * Curated rather than learnt from the utterances: learnt lists pick up generic words
 * (需要, 周末, 深圳) that let weather or job questions through.
 */
export class DomainVocabulary {
  private readonly terms: string[];

  constructor(terms: string[]) {
    this.terms = terms.map(normalizeText);
  }

  /** True when the message carries at least one domain word or domain cue. */
  covers(analysis: MessageAnalysis): boolean {
    return (
      analysis.cues.some((c) => DOMAIN_CUES.has(c)) ||
      this.terms.some((term) => analysis.normalized.includes(term) || analysis.canonical.includes(term))
    );
  }
}
