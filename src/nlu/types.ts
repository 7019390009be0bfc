import { z } from 'zod';

/** The public intent labels. Finer internal intents map onto these. */
export const intentSchema = z.enum([
  'greeting',
  'goodbye',
  'report_fault',
  'policy_question',
  'ticket_status',
  'human_agent',
  'cancel',
  'out_of_scope',
]);
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
  match(text: string): IntentPrediction;
}
