import type { Citation, InspectableKnowledgeBase } from '../knowledge/types.js';
import { loadDomain } from '../loadDomain.js';
import type { IntentMatcher, IntentPrediction } from '../nlu/types.js';

/** What the CLI commands work with, built once per process. */
export interface Runtime {
  kb: InspectableKnowledgeBase;
  matcher: IntentMatcher;
}

/** Builds the knowledge base and intent matcher (one segmenter and place index shared). */
export function buildRuntime(knowledgeDir: string): Runtime {
  const { knowledge, matcher } = loadDomain(knowledgeDir);
  return { kb: knowledge, matcher };
}

/** One classified message as `classify` prints it. */
export interface ClassifiedMessage {
  intent: IntentPrediction['intent'];
  confidence: number;
  answer: string | null;
  citations: Citation[];
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

/** The matcher's probabilities of a policy question and of out of scope, for the answer decision. */
export function intentEvidence(p: IntentPrediction): { policy: number; outOfScope: number } {
  const of = (intent: string) => (p.intent === intent ? p.confidence : (p.alternatives.find((a) => a.intent === intent)?.confidence ?? 0));
  return { policy: of('policy_question'), outOfScope: of('out_of_scope') };
}

/** Intent plus, where the policies speak to the message, the knowledge base's cited answer. */
export function classifyMessage(runtime: Runtime, text: string): ClassifiedMessage {
  const prediction = runtime.matcher.match(text);
  const base = { intent: prediction.intent, confidence: prediction.confidence };
  const wantsAnswer =
    prediction.intent === 'policy_question' ||
    ((prediction.intent === 'ticket_status' || prediction.intent === 'report_fault') && asksAboutPolicy(prediction));
  if (!wantsAnswer) return { ...base, answer: null, citations: [] };
  const answer = runtime.kb.answer(text, { intent: intentEvidence(prediction) });
  // Outside policy_question an unsure KB reply would only distract from the ticket/report flow.
  if (prediction.intent !== 'policy_question' && answer.kind === 'unsure') return { ...base, answer: null, citations: [] };
  return { ...base, answer: answer.text, citations: answer.citations };
}
