import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerDecisionSchema, evidenceNames, type AnswerEvidence } from '../knowledge/answerDecision.js';
import {
  chooseThreshold,
  fitLogistic,
  outcomesAt,
  reliabilityCurve,
  type LabelledEvidence,
} from '../knowledge/fitDecision.js';
import { isKnowledgeHit } from './evalMetrics.js';
import { readEvalItems } from './evalCommand.js';
import { EXIT_OK, EXIT_USAGE, type CommandIo } from './io.js';
import { intentEvidence } from '../understanding/understandMessage.js';
import type { Runtime } from './runtime.js';

export interface CalibrateOptions {
  train: string[];
  heldOut: string[];
  /** Cost of a wrong answer relative to a right one (the threshold maximises right − cost × wrong). */
  wrongCost: number;
  /** Write the fitted model to knowledge/answer-decision.json. */
  write: boolean;
  knowledgeDir: string;
}

/** Evidence and outcome for every labelled question of the files (topic questions are always answered, so skipped). */
async function labelled(runtime: Runtime, files: string[]): Promise<LabelledEvidence[]> {
  const out: LabelledEvidence[] = [];
  for (const file of files) {
    const { items } = await readEvalItems(file);
    // Greetings, reports and the like are routed before the knowledge base is asked.
    for (const item of items.filter(
      (i) => i.intents.includes('policy_question') || i.intents.includes('out_of_scope'),
    )) {
      const intent = intentEvidence(runtime.matcher.match(item.text));
      const inspected = runtime.kb.inspect(item.text, { intent, leaveOut: true }, true);
      if (!inspected.evidence) continue;
      const evidence = Object.fromEntries(
        evidenceNames.map((n) => [n, inspected.evidence?.[n] ?? 0]),
      ) as AnswerEvidence;
      const hit =
        item.expect.length > 0 &&
        isKnowledgeHit(
          { intent: 'policy_question', confidence: 1, answer: null, citations: inspected.answer.citations },
          item.expect,
        );
      out.push({ evidence, right: hit });
    }
  }
  return out;
}

/**
 * `calibrate --train a.jsonl --train b.jsonl --held-out c.jsonl [--write]`: fits the answer
 * decision on labelled questions (alternative wordings are left out of their own ranking), picks
 * the threshold for the given wrong-answer cost, and reports a reliability curve on the held-out files.
 */
export async function calibrateCommand(runtime: Runtime, io: CommandIo, options: CalibrateOptions): Promise<number> {
  const missing = [...options.train, ...options.heldOut].filter((f) => !existsSync(f));
  if (missing.length || options.train.length === 0) {
    io.stderr.write(
      `calibrate: ${missing.length ? `file not found: ${missing.join(', ')}` : 'give at least one --train file'}\n`,
    );
    return EXIT_USAGE;
  }
  const train = await labelled(runtime, options.train);
  const heldOut = await labelled(runtime, options.heldOut);
  const model = fitLogistic(train);
  const threshold = chooseThreshold(model, train, options.wrongCost);
  const file = join(options.knowledgeDir, 'answer-decision.json');
  const current = answerDecisionSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const fitted = {
    ...current,
    bias: round(model.bias),
    weights: Object.fromEntries(evidenceNames.map((n) => [n, round(model.weights[n])])),
    answer: threshold,
    fit: {
      trainedOn: options.train,
      examples: train.length,
      heldOut: options.heldOut,
      reliability: reliabilityCurve(model, heldOut),
      atThreshold: outcomesAt(model, heldOut, threshold),
    },
  };
  io.stdout.write(`${JSON.stringify(fitted, null, 2)}\n`);
  io.stdout.write(`train at ${threshold}: ${JSON.stringify(outcomesAt(model, train, threshold))}\n`);
  if (options.write) writeFileSync(file, `${JSON.stringify(answerDecisionSchema.parse(fitted), null, 2)}\n`);
  return EXIT_OK;
}
