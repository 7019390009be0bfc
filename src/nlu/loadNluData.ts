import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { loadIntentDefinitions, type IntentDefinition } from './intents.js';
import { intentSchema, type Intent } from './types.js';
import { readJsonFile } from '../knowledge/readJsonFile.js';

const utteranceFileSchema = z.object({
  intent: intentSchema,
  /** Finer internal topics (kept for authoring and reports); all map onto `intent`. */
  groups: z.record(z.string().min(1), z.array(z.string().trim().min(1).max(200)).min(1)),
});

const commandRuleSchema = z.object({
  intent: intentSchema,
  /** The rule only applies to messages this short (after stripping punctuation). */
  maxChars: z.number().int().positive(),
  phrases: z.array(z.string().min(1)).min(1),
});

const containingRuleSchema = z.object({
  intent: intentSchema,
  phrases: z.array(z.string().min(1)).min(1),
});

const cueSchema = z.union([
  z.object({ name: z.string().regex(/^[a-z_]+$/), words: z.array(z.string().min(1)).min(1) }),
  z.object({ name: z.string().regex(/^[a-z_]+$/), pattern: z.string().min(1) }),
]);

const cueComboSchema = z.object({
  name: z.string().regex(/^[a-z_]+$/),
  all: z.array(z.string().min(1)).min(1),
  none: z.array(z.string().min(1)),
});

const rulesFileSchema = z.object({
  commands: z.array(commandRuleSchema),
  containing: z.array(containingRuleSchema),
  /** Polite fillers stripped from the ends of a message before command rules compare it. */
  fillers: z.array(z.string().min(1)),
  cues: z.array(cueSchema),
  cueCombos: z.array(cueComboSchema),
  domain: z.array(z.string().min(1)),
});

export type CommandRule = z.infer<typeof commandRuleSchema>;
export type ContainingRule = z.infer<typeof containingRuleSchema>;
export type CueDefinition = z.infer<typeof cueSchema>;
export type CueCombo = z.infer<typeof cueComboSchema>;
export type NluRules = z.infer<typeof rulesFileSchema>;

export interface TrainingUtterance {
  text: string;
  intent: Intent;
  /** "intent/group", the finer internal label. */
  topic: string;
}

export interface NluData {
  intents: IntentDefinition[];
  utterances: TrainingUtterance[];
  rules: NluRules;
}

/**
 * Loads knowledge/nlu: every utterances/*.json file (one public intent each, grouped by
 * internal topic) and rules.json. Throws AppError('bad_document') naming the file when malformed.
 */
export function loadNluData(knowledgeDir: string): NluData {
  const nluDir = join(knowledgeDir, 'nlu');
  const utteranceDir = join(nluDir, 'utterances');
  const intents = loadIntentDefinitions(knowledgeDir);
  const ids = new Set(intents.map((i) => i.id));
  const files = readdirSync(utteranceDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const utterances: TrainingUtterance[] = [];
  for (const f of files) {
    const file = join(utteranceDir, f);
    const data = readJsonFile(file, utteranceFileSchema);
    if (!ids.has(data.intent))
      throw new AppError('bad_document', `${file}: intent ${data.intent} is not listed in knowledge/nlu/intents.json`, {
        file,
        field: 'intent',
      });
    for (const [group, texts] of Object.entries(data.groups)) {
      for (const text of texts) utterances.push({ text, intent: data.intent, topic: `${data.intent}/${group}` });
    }
  }
  const missing = intents.filter((i) => !utterances.some((u) => u.intent === i.id)).map((i) => i.id);
  if (missing.length)
    throw new AppError('bad_document', `${utteranceDir}: no utterances for ${missing.join(', ')}`, {
      file: utteranceDir,
    });
  const rulesFile = join(nluDir, 'rules.json');
  const rules = readJsonFile(rulesFile, rulesFileSchema);
  const unknown = [...rules.commands, ...rules.containing].map((r) => r.intent).filter((i) => !ids.has(i));
  if (unknown.length)
    throw new AppError(
      'bad_document',
      `${rulesFile}: rules for intents not listed in intents.json: ${[...new Set(unknown)].join(', ')}`,
      { file: rulesFile },
    );
  return { intents, utterances, rules };
}
