import { createSegmenter, type Segmenter } from '../text/segment.js';
import { DOMAIN_INTENTS, DomainVocabulary } from './domainVocabulary.js';
import { FeatureExtractor } from './extractFeatures.js';
import { KeywordRules } from './keywordRules.js';
import { loadNluData, type NluData } from './loadNluData.js';
import { NaiveBayesIntentModel } from './naiveBayesModel.js';
import type { Intent, IntentMatcher, IntentPrediction, IntentScore } from './types.js';

/** Below this the model's best guess is not trusted for a message without domain words. */
const MIN_CONFIDENCE = 0.6;
const MAX_ALTERNATIVES = 3;
const MIN_ALTERNATIVE = 0.02;

export interface IntentMatcherOptions {
  /** Reuse the segmenter the knowledge base already built. */
  segmenter?: Segmenter;
  /** More policy questions to learn from: the knowledge base's alternative wordings. */
  policyQuestions?: readonly string[];
  /** More out-of-scope examples: messages the support lead marked as outside what the bot serves. */
  outOfScopeExamples?: readonly string[];
}

/** The matcher plus what it learnt, for the CLI and the benchmark. */
export interface TrainedIntentMatcher extends IntentMatcher {
  /** Number of training utterances used. */
  readonly trainingSize: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function prediction(intent: Intent, confidence: number, scores: IntentScore[], cues: string[]): IntentPrediction {
  const alternatives = scores
    .filter((s) => s.intent !== intent && s.confidence >= MIN_ALTERNATIVE)
    .slice(0, MAX_ALTERNATIVES)
    .map((s) => ({ intent: s.intent, confidence: round(s.confidence) }));
  return { intent, confidence: round(Math.min(1, Math.max(0, confidence))), alternatives, cues };
}

/**
 * Builds the intent matcher from knowledgeDir/nlu (utterances and keyword rules) and
 * knowledgeDir/text (segmenter).
 */
export function createIntentMatcher(
  knowledgeDir = 'knowledge',
  options: IntentMatcherOptions = {},
): TrainedIntentMatcher {
  const data = loadNluData(knowledgeDir);
  const extra = [
    ...(options.policyQuestions ?? []).map((text) => ({
      text,
      intent: 'policy_question' as const,
      topic: 'policy_question/alternatives',
    })),
    ...(options.outOfScopeExamples ?? []).map((text) => ({
      text,
      intent: 'out_of_scope' as const,
      topic: 'out_of_scope/reviewed',
    })),
  ];
  return buildIntentMatcher(
    { ...data, utterances: [...data.utterances, ...extra] },
    options.segmenter ?? createSegmenter(knowledgeDir),
  );
}

/**
 * Trains a matcher on given data: keyword rules first, then naive Bayes over words,
 * character n-grams and cues, then an out-of-scope guard (confidence floor plus domain words).
 */
export function buildIntentMatcher(data: NluData, segmenter: Segmenter): TrainedIntentMatcher {
  const extractor = new FeatureExtractor(segmenter, data.rules.cues, data.rules.cueCombos);
  const analysed = data.utterances.map((u) => ({ ...u, ...extractor.analyse(u.text) }));
  const model = new NaiveBayesIntentModel(analysed);
  const rules = new KeywordRules(data.rules);
  const domain = new DomainVocabulary(data.rules.domain);

  return {
    labels: data.intents.map((i) => i.id),
    trainingSize: data.utterances.length,
    match(text: string): IntentPrediction {
      const analysis = extractor.analyse(text);
      if (analysis.compact.length === 0) return prediction('out_of_scope', 1, [], analysis.cues);
      const scores = model.score(analysis.features);
      const confidenceOf = (intent: Intent): number => scores.find((s) => s.intent === intent)?.confidence ?? 0;

      const hit = rules.match(analysis.compact);
      if (hit) return prediction(hit.intent, Math.max(hit.confidence, confidenceOf(hit.intent)), scores, analysis.cues);

      const [top] = scores;
      if (!top) return prediction('out_of_scope', 1, [], analysis.cues);
      const inDomain = domain.covers(analysis);
      // However sure the model is, a policy/report/ticket message must mention something of the domain.
      const domainless = DOMAIN_INTENTS.has(top.intent) && !inDomain;
      const unsure = top.confidence < MIN_CONFIDENCE && !inDomain;
      if (top.intent !== 'out_of_scope' && (domainless || unsure)) {
        // Never force a message into the nearest intent: the runner-up guesses stay as alternatives.
        return prediction(
          'out_of_scope',
          Math.max(confidenceOf('out_of_scope'), 1 - top.confidence),
          scores,
          analysis.cues,
        );
      }
      return prediction(top.intent, top.confidence, scores, analysis.cues);
    },
  };
}
