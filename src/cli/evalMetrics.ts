import type { Intent } from '../nlu/types.js';
import type { ItemId } from './jsonLines.js';
import type { ClassifiedMessage } from './runtime.js';

/** One labelled sample: acceptable intents and policy strings a correct answer contains. */
export interface EvalItem {
  id: ItemId;
  text: string;
  intents: Intent[];
  expect: string[];
}

export interface EvalOutcome {
  item: EvalItem;
  result: ClassifiedMessage;
}

export interface IntentStats {
  support: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
}

export interface EvalMiss {
  kind: 'intent' | 'kb';
  id: ItemId;
  text: string;
  want: string[];
  got: string;
}

export interface EvalReport {
  total: number;
  intentCorrect: number;
  intentAccuracy: number;
  /** The intent labels, in the order reports list them. */
  labels: readonly Intent[];
  perIntent: Map<Intent, IntentStats>;
  /** Counts by "gold→predicted"; gold is the first acceptable label unless the prediction was acceptable. */
  confusion: ConfusionMatrix;
  kbTotal: number;
  kbHits: number;
  kbHitRate: number;
  /** Questions with an expected clause answered with citations that miss it. */
  kbWrong: number;
  /** Questions with an expected clause the bot did not answer (no citation). */
  kbAbstained: number;
  /** Out-of-scope messages that got a policy quote anyway. */
  offTopicQuoted: number;
  /** Wrong answers (kbWrong + offTopicQuoted) among all messages that got a quote. */
  wrongAnswerRate: number;
  misses: EvalMiss[];
  /** Lines that could not be used, with their reasons. */
  errors: string[];
}

/** The scorer's normalisation: NFKC, then letters and digits only. */
export function normalizeForMatch(s: string): string {
  return s.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
}

/** True when the answer text or one of its top-3 citation quotes contains an expected string. */
export function isKnowledgeHit(result: ClassifiedMessage, expect: string[]): boolean {
  const hay = [result.answer ?? '', ...result.citations.slice(0, 3).map((c) => c.quote)]
    .map(normalizeForMatch)
    .join('|');
  return expect.some((e) => {
    const needle = normalizeForMatch(e);
    return needle.length > 0 && hay.includes(needle);
  });
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Gold × predicted counts over the eight labels. */
export class ConfusionMatrix {
  private readonly counts = new Map<string, number>();

  constructor(private readonly labels: readonly Intent[]) {}

  add(gold: Intent, predicted: Intent): void {
    const key = `${gold}>${predicted}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  get(gold: Intent, predicted: Intent): number {
    return this.counts.get(`${gold}>${predicted}`) ?? 0;
  }

  /** Row sums: how many samples had this gold label. */
  support(gold: Intent): number {
    return this.labels.reduce((s, p) => s + this.get(gold, p), 0);
  }

  /** Column sums: how often this label was predicted. */
  predicted(label: Intent): number {
    return this.labels.reduce((s, g) => s + this.get(g, label), 0);
  }
}

/** Scores outcomes the way ../shared/eval/score_nlu.py does, plus per-intent precision/recall. */
export function scoreOutcomes(outcomes: EvalOutcome[], labels: readonly Intent[], errors: string[] = []): EvalReport {
  const confusion = new ConfusionMatrix(labels);
  const misses: EvalMiss[] = [];
  let intentCorrect = 0;
  let kbTotal = 0;
  let kbHits = 0;
  let kbWrong = 0;
  let offTopicQuoted = 0;
  let quoted = 0;
  for (const { item, result } of outcomes) {
    const ok = item.intents.includes(result.intent);
    const gold = ok ? result.intent : (item.intents[0] ?? result.intent);
    confusion.add(gold, result.intent);
    if (ok) intentCorrect++;
    else misses.push({ kind: 'intent', id: item.id, text: item.text, want: item.intents, got: result.intent });
    const answered = result.citations.length > 0;
    if (answered) quoted++;
    if (item.expect.length) {
      kbTotal++;
      if (isKnowledgeHit(result, item.expect)) kbHits++;
      else {
        if (answered) kbWrong++;
        misses.push({
          kind: 'kb',
          id: item.id,
          text: item.text,
          want: item.expect,
          got: (result.answer ?? '(no answer)').slice(0, 120),
        });
      }
    } else if (answered && item.intents.includes('out_of_scope')) {
      offTopicQuoted++;
      misses.push({
        kind: 'kb',
        id: item.id,
        text: item.text,
        want: ['(no quote: out of scope)'],
        got: (result.answer ?? '').slice(0, 120),
      });
    }
  }
  const perIntent = new Map<Intent, IntentStats>(
    labels.map((intent) => {
      const support = confusion.support(intent);
      const predicted = confusion.predicted(intent);
      const correct = confusion.get(intent, intent);
      return [
        intent,
        { support, predicted, correct, precision: ratio(correct, predicted), recall: ratio(correct, support) },
      ];
    }),
  );
  return {
    total: outcomes.length,
    intentCorrect,
    intentAccuracy: ratio(intentCorrect, outcomes.length),
    labels,
    perIntent,
    confusion,
    kbTotal,
    kbHits,
    // Like the scorer: a set without expectations has nothing to miss.
    kbHitRate: kbTotal === 0 ? 1 : kbHits / kbTotal,
    kbWrong,
    kbAbstained: kbTotal - kbHits - kbWrong,
    offTopicQuoted,
    wrongAnswerRate: ratio(kbWrong + offTopicQuoted, quoted),
    misses,
    errors,
  };
}
