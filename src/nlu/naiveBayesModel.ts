// Only the Bayes classifier module: natural's index pulls in storage back-ends that load
// dotenv (whose banner on stdout would corrupt the CLI's JSON Lines output), and its
// classifiers index loads the POS tagger's lexicons (4 MB of JSON, a third of a second).
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { intentSchema, type Intent, type IntentScore } from './types.js';

/**
 * natural's BayesClassifier, trained without dense vectors.
 * natural's train() turns every document into a 0/1 vector over all features (1,200 documents ×
 * 5,000 features: half a second and tens of MB of garbage at start-up) for apparatus to count
 * the ones; counting each document's present features directly gives the same counts.
 */
class FastBayesClassifier extends BayesClassifier {
  override train(): void {
    const index = new Map(Object.keys(this.features).map((f, i) => [f, i]));
    const model = this.classifier;
    for (; this.lastAdded < this.docs.length; this.lastAdded++) {
      const doc = this.docs[this.lastAdded];
      if (!doc) break;
      // As apparatus' addExample: totals start at 1 and a feature's first count at 1 + smoothing.
      const counts = (model.classFeatures[doc.label] ??= {});
      model.classTotals[doc.label] = (model.classTotals[doc.label] ?? 1) + 1;
      model.totalExamples++;
      for (const feature of new Set(typeof doc.text === 'string' ? [doc.text] : doc.text)) {
        const i = index.get(feature);
        if (i !== undefined) counts[i] = counts[i] ? counts[i] + 1 : 1 + model.smoothing;
      }
    }
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
      // Uniform prior: the alternative wordings make policy questions most of the training data, not of the traffic.
      let log = 0;
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
    return weights
      .map((w) => ({ intent: w.intent, confidence: w.w / total }))
      .sort((a, b) => b.confidence - a.confidence);
  }
}
