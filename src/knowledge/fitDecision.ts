import { evidenceNames, probabilityRight, type AnswerEvidence, type EvidenceName } from './answerDecision.js';

/** One question's evidence and whether answering with its best clause was right. */
export interface LabelledEvidence {
  evidence: AnswerEvidence;
  right: boolean;
}

export interface FittedDecision {
  bias: number;
  weights: Record<EvidenceName, number>;
}

/**
 * Fits the logistic answer decision by batch gradient descent on standardised features with a
 * small L2 penalty, then maps the weights back to the raw features (a few hundred examples and
 * ten features: no library needed for that).
 */
export function fitLogistic(examples: LabelledEvidence[], options: { iterations?: number; rate?: number; l2?: number } = {}): FittedDecision {
  const { iterations = 20000, rate = 1, l2 = 0.002 } = options;
  const n = examples.length || 1;
  const mean = (k: EvidenceName) => examples.reduce((a, e) => a + e.evidence[k], 0) / n;
  const stats = evidenceNames.map((k) => {
    const m = mean(k);
    const sd = Math.sqrt(examples.reduce((a, e) => a + (e.evidence[k] - m) ** 2, 0) / n) || 1;
    return { k, m, sd };
  });
  const rows = examples.map((e) => ({ x: stats.map(({ k, m, sd }) => (e.evidence[k] - m) / sd), y: e.right ? 1 : 0 }));
  const w = stats.map(() => 0);
  let b = 0;
  for (let step = 0; step < iterations; step++) {
    const grad = w.map(() => 0);
    let gradBias = 0;
    for (const { x, y } of rows) {
      const z = x.reduce((acc, xi, i) => acc + xi * (w[i] ?? 0), b);
      const error = 1 / (1 + Math.exp(-z)) - y;
      gradBias += error;
      x.forEach((xi, i) => (grad[i] = (grad[i] ?? 0) + error * xi));
    }
    b -= (rate * gradBias) / n;
    w.forEach((wi, i) => (w[i] = wi - rate * ((grad[i] ?? 0) / n + l2 * wi)));
  }
  // Back to raw features: w·(x − m)/sd + b = (w/sd)·x + (b − Σ w·m/sd).
  const weights = Object.fromEntries(stats.map(({ k, sd }, i) => [k, (w[i] ?? 0) / sd])) as Record<EvidenceName, number>;
  const bias = b - stats.reduce((acc, { m, sd }, i) => acc + ((w[i] ?? 0) * m) / sd, 0);
  return { bias, weights };
}

/** Predicted against observed rate of right answers, in probability bins. */
export function reliabilityCurve(model: FittedDecision, examples: LabelledEvidence[], bins = 5) {
  return Array.from({ length: bins }, (_, i) => {
    const from = i / bins;
    const to = (i + 1) / bins;
    const inBin = examples
      .map((e) => ({ p: probabilityRight(model, e.evidence), right: e.right }))
      .filter(({ p }) => p >= from && (p < to || (i === bins - 1 && p <= 1)));
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    return { from, to, count: inBin.length, predicted: round(mean(inBin.map((x) => x.p))), observed: round(mean(inBin.map((x) => (x.right ? 1 : 0)))) };
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** What answering at a threshold does: answered right or wrong, abstained, and right answers missed by abstaining. */
export function outcomesAt(model: FittedDecision, examples: LabelledEvidence[], threshold: number) {
  let right = 0;
  let wrong = 0;
  let abstained = 0;
  let missed = 0;
  for (const e of examples) {
    const answers = probabilityRight(model, e.evidence) >= threshold;
    if (answers && e.right) right++;
    else if (answers) wrong++;
    else {
      abstained++;
      if (e.right) missed++;
    }
  }
  return { answered: right + wrong, right, wrong, abstained, missed };
}

/** The threshold that maximises right answers minus `wrongCost` times wrong ones. */
export function chooseThreshold(model: FittedDecision, examples: LabelledEvidence[], wrongCost: number): number {
  let best = { threshold: 0.5, utility: -Infinity };
  for (let t = 0.2; t <= 0.951; t += 0.01) {
    const o = outcomesAt(model, examples, t);
    const utility = o.right - wrongCost * o.wrong;
    if (utility > best.utility) best = { threshold: round(t), utility };
  }
  return best.threshold;
}
