import type { Citation, InspectableKnowledgeBase } from '../knowledge/types.js';
import { loadDomain } from '../loadDomain.js';
import type { Intent, IntentMatcher } from '../nlu/types.js';
import { understandMessage, type UnderstandingServices } from '../understanding/understandMessage.js';

/** What the CLI commands work with, built once per process. */
export interface Runtime {
  kb: InspectableKnowledgeBase;
  matcher: IntentMatcher;
  understanding: UnderstandingServices;
}

/** Builds the knowledge base and intent matcher (one segmenter and place index shared). */
export function buildRuntime(knowledgeDir: string): Runtime {
  const { knowledge, matcher, understanding } = loadDomain(knowledgeDir);
  return { kb: knowledge, matcher, understanding };
}

/** One classified message as `classify` prints it. */
export interface ClassifiedMessage {
  intent: Intent;
  confidence: number;
  answer: string | null;
  citations: Citation[];
}

/** Intent plus, where the policies speak to the message, the knowledge base's cited answer. */
export function classifyMessage(runtime: Runtime, text: string): ClassifiedMessage {
  const { prediction, answer, gated } = understandMessage(runtime.understanding, text);
  const base = { intent: prediction.intent, confidence: prediction.confidence };
  if (!answer || gated) return { ...base, answer: null, citations: [] };
  return { ...base, answer: answer.text, citations: answer.citations };
}
