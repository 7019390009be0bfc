import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../knowledge/readJsonFile.js';
import { intentSchema } from './types.js';

/**
 * What the router does with an intent. `reply` sends a wording of knowledge/dialogs/wording.json
 * (and its suggested actions); the others hand the message to a dialog or the knowledge base.
 */
export const intentRouteSchema = z.union([
  z.object({ kind: z.literal('reply'), wording: z.string().min(1), actions: z.string().min(1).optional() }),
  z.object({ kind: z.enum(['answer', 'repair', 'coverage', 'ticket', 'handoff', 'outOfScope']) }),
]);
export type IntentRoute = z.infer<typeof intentRouteSchema>;

const intentsFileSchema = z.object({
  $comment: z.string().optional(),
  intents: z.array(z.object({ id: intentSchema, route: intentRouteSchema })).min(1),
});
export type IntentDefinition = z.infer<typeof intentsFileSchema>['intents'][number];

/** The intent label set and routing table, knowledge/nlu/intents.json (checked; ids unique). */
export function loadIntentDefinitions(knowledgeDir: string): IntentDefinition[] {
  const file = join(knowledgeDir, 'nlu', 'intents.json');
  const { intents } = readJsonFile(
    file,
    intentsFileSchema.refine((f) => new Set(f.intents.map((i) => i.id)).size === f.intents.length, {
      message: 'each intent id once',
      path: ['intents'],
    }),
  );
  return intents;
}
