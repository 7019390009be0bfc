import { z } from 'zod';

/**
 * A public intent label. The set is data (knowledge/nlu/intents.json, checked at start-up);
 * finer internal topics map onto these. policy_question and out_of_scope have meaning in code
 * (the knowledge base and the relevance gate); the others are routed by the table.
 */
export const intentSchema = z.string().regex(/^[a-z][a-z_]*$/, 'an intent id is lower-case letters and underscores');
export type Intent = z.infer<typeof intentSchema>;

export interface IntentScore {
  intent: Intent;
  confidence: number;
}

export interface IntentPrediction {
  intent: Intent;
  /** 0..1 */
  confidence: number;
  /** Runner-up intents with their confidence, best first (for clarifying questions). */
  alternatives: IntentScore[];
  /** Cue names found in the message (question, request, symptom, cause, progress, ticket_number, serial). */
  cues?: string[];
}

/** Routes one customer message to an intent. */
export interface IntentMatcher {
  /** The intents it may answer with (knowledge/nlu/intents.json order). */
  readonly labels: readonly Intent[];
  match(text: string): IntentPrediction;
}
