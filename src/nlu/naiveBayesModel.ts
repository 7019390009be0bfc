// Only the Bayes classifier module: natural's index pulls in storage back-ends that load
// dotenv (whose banner on stdout would corrupt the CLI's JSON Lines output), and its
// classifiers index loads the POS tagger's lexicons (4 MB of JSON, a third of a second).
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { intentSchema, type Intent, type IntentScore } from './types.js';

/** natural's BayesClassifier with set-based feature lookup (its default scans the token array per feature). */
class FastBayesClassifier extends BayesClassifier {
  private featureKeys: { forDocs: number; keys: string[] } | undefined;

  override textToFeatures(observation: string | string[]): number[] {
    // The feature set only grows while documents are added; list it once per training run.
    if (this.featureKeys?.forDocs !== this.docs.length) this.featureKeys = { forDocs: this.docs.length, keys: Object.keys(this.features) };
    const present = new Set(typeof observation === 'string' ? [observation] : observation);
    return this.featureKeys.keys.map((f) => (present.has(f) ? 1 : 0));
  }
}

const SMOOTHING = 0.03;
/** Cue features (@question, @@plain_symptom…) are one feature among dozens of n-grams; they count this many times. */
const CUE_WEIGHT = 4;

/**
 * Naive Bayes (natural) over feature tokens. Scoring reads natural's trained counts in log
 * space, because its own getClassifications multiplies probabilities and underflows to 0 on
 * long messages; the posterior is tempered so confidence means something (raw NB posteriors
 * are nearly always 0 or 1 since dozens of correlated features multiply).
 */
export class NaiveBayesIntentModel {
  private readonly classifier = new FastBayesClassifier(undefined, SMOOTHING);
  private readonly featureIndex: Map<string, number>;
  private readonly labels: Intent[];

  constructor(examples: Array<{ features: string[]; intent: Intent }>) {
    for (const e of examples) this.classifier.addDocument(e.features, e.intent);
    this.classifier.train();
    this.featureIndex = new Map(Object.keys(this.classifier.features).map((f, i) => [f, i]));
    this.labels = Object.keys(this.classifier.classifier.classTotals).flatMap((l) => {
      const parsed = intentSchema.safeParse(l);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Unnormalised log-probability of each intent given the features. */
  private logScores(features: string[]): Array<{ intent: Intent; log: number }> {
    const model = this.classifier.classifier;
    const indices = features.flatMap((f) => {
      const i = this.featureIndex.get(f);
      return i === undefined ? [] : [{ i, weight: f.startsWith('@') ? CUE_WEIGHT : 1 }];
    });
    return this.labels.map((intent) => {
      const total = model.classTotals[intent] ?? 1;
      const counts = model.classFeatures[intent] ?? {};
      let log = Math.log(total / model.totalExamples);
      for (const { i, weight } of indices) log += weight * Math.log((counts[i] ?? model.smoothing) / total);
      return { intent, log };
    });
  }

  /** Scores every intent seen in training, best first; confidences sum to 1. */
  score(features: string[]): IntentScore[] {
    const logs = this.logScores(features);
    // Temperature grows with the number of features so long messages are not more "certain".
    const temperature = Math.max(1, Math.sqrt(features.length));
    const top = Math.max(...logs.map((l) => l.log));
    const weights = logs.map((l) => ({ intent: l.intent, w: Math.exp((l.log - top) / temperature) }));
    const total = weights.reduce((s, w) => s + w.w, 0);
    return weights.map((w) => ({ intent: w.intent, confidence: w.w / total })).sort((a, b) => b.confidence - a.confidence);
  }
}
