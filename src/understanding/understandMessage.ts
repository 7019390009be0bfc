import type { KnowledgeAnswer, KnowledgeBase, PolicyId } from '../knowledge/types.js';
import type { IntentMatcher, IntentPrediction } from '../nlu/types.js';

/** The matcher's out-of-scope probability above which a policy-worded message may still be off topic. */
const OFF_TOPIC_TRACE = 0.02;

/** What the bot makes of one message: its intent and, for a policy question, the cited answer. */
export interface Understanding {
  prediction: IntentPrediction;
  /** The knowledge base's answer, when the message asks something the policies may answer. */
  answer?: KnowledgeAnswer;
  /** True when the matcher took it for a policy question but no clause came near it (treated as out of scope). */
  gated: boolean;
  /** True when an answer was given with less confidence than the review threshold (logged for the lead). */
  lowConfidence: boolean;
}

export interface UnderstandingServices {
  matcher: IntentMatcher;
  knowledge: KnowledgeBase;
  /** Below this probability that the best clause answers, a "policy question" is out of scope. */
  relevanceFloor: number;
  /** Answers given with less probability than this are logged as low-confidence. */
  reviewBelow?: number;
}

/** The matcher's probabilities of a policy question and of out of scope, for the answer decision. */
export function intentEvidence(p: IntentPrediction): { policy: number; outOfScope: number } {
  const of = (intent: string) =>
    p.intent === intent ? p.confidence : (p.alternatives.find((a) => a.intent === intent)?.confidence ?? 0);
  return { policy: of('policy_question'), outOfScope: of('out_of_scope') };
}

/**
 * A ticket or report message can still be a question the policies answer ("what does 待补充
 * mean", "what must a report include"): it is phrased as a question and is not about the
 * customer's own case (no progress words, no ticket or serial number).
 */
function asksAboutPolicy(p: IntentPrediction): boolean {
  const cues = p.cues ?? [];
  return cues.includes('question') && !['progress', 'ticket_number', 'serial'].some((c) => cues.includes(c));
}

/**
 * Routes a message and, where the policies speak to it, answers it. A near-domain message the
 * matcher took for a policy question ("你们在广州有几个工程师") but that no clause comes near is
 * out of scope: the customer gets what the bot can help with, not a list of unrelated topics.
 */
export function understandMessage(services: UnderstandingServices, text: string, policy?: PolicyId): Understanding {
  const prediction = services.matcher.match(text);
  const isPolicy = prediction.intent === 'policy_question';
  const wantsAnswer =
    isPolicy ||
    ((prediction.intent === 'ticket_status' || prediction.intent === 'report_fault') && asksAboutPolicy(prediction));
  const plain = { gated: false, lowConfidence: false };
  if (!wantsAnswer) return { prediction, ...plain };
  const answer = services.knowledge.answer(text, { intent: intentEvidence(prediction), policy });
  if (answer.kind !== 'unsure')
    return { prediction, answer, ...plain, lowConfidence: answer.confidence < (services.reviewBelow ?? 0) };
  // Outside policy_question an unsure reply would only distract from the ticket or report.
  if (!isPolicy) return { prediction, ...plain };
  // A message in the policies' own terms with no trace of anything else is vague, not off topic:
  // it keeps the "not sure, did you mean…" reply.
  const policyWordsOnly =
    (prediction.cues ?? []).includes('policy_topic') && intentEvidence(prediction).outOfScope < OFF_TOPIC_TRACE;
  if (answer.confidence < services.relevanceFloor && !policyWordsOnly) {
    const outOfScope: IntentPrediction = {
      ...prediction,
      intent: 'out_of_scope',
      confidence: 1 - answer.confidence,
      alternatives: [{ intent: 'policy_question', confidence: prediction.confidence }],
    };
    return { prediction: outOfScope, answer, ...plain, gated: true };
  }
  return { prediction, answer, ...plain };
}
