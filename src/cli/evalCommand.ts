import { createReadStream, existsSync } from 'node:fs';
import { z } from 'zod';
import { intentSchema } from '../nlu/types.js';
import { scoreOutcomes, type EvalItem, type EvalOutcome, type EvalReport } from './evalMetrics.js';
import { formatEvalReport, reportAsJson } from './formatEvalReport.js';
import { EXIT_BELOW_FLOOR, EXIT_OK, EXIT_USAGE, writeJsonLine, type CommandIo } from './io.js';
import { idSchema, parseJsonLine, readLines } from './jsonLines.js';
import { createProgressBar } from './progressBar.js';
import { classifyMessage, type Runtime } from './runtime.js';

const evalLineSchema = z.object({
  id: idSchema,
  text: z.string(),
  intent: z.union([intentSchema.transform((i) => [i]), z.array(intentSchema).min(1)]),
  expect: z.array(z.string()).default([]),
});

export interface EvalOptions {
  file: string;
  /** Exit 1 when intent accuracy is below this. */
  minIntent?: number;
  /** Exit 1 when the knowledge-base hit rate is below this. */
  minKb?: number;
  /** Print the report as one JSON object instead of text. */
  json?: boolean;
}

/** Reads and validates a labelled JSONL file; bad lines (and intents outside `labels`) become error strings. */
export async function readEvalItems(
  file: string,
  labels?: readonly string[],
): Promise<{ items: EvalItem[]; errors: string[] }> {
  const items: EvalItem[] = [];
  const errors: string[] = [];
  const known = labels
    ? evalLineSchema.refine((l) => l.intent.every((i) => labels.includes(i)), {
        message: `intent is not one of ${labels.join(', ')}`,
        path: ['intent'],
      })
    : evalLineSchema;
  for await (const { line, lineNo } of readLines(createReadStream(file, 'utf8'))) {
    const parsed = parseJsonLine(line, lineNo, known);
    if (parsed.ok)
      items.push({
        id: parsed.value.id,
        text: parsed.value.text,
        intents: parsed.value.intent,
        expect: parsed.value.expect,
      });
    else errors.push(parsed.reason);
  }
  return { items, errors };
}

function belowFloors(report: EvalReport, options: EvalOptions): string[] {
  const failures: string[] = [];
  if (options.minIntent !== undefined && report.intentAccuracy < options.minIntent)
    failures.push(`intent accuracy ${report.intentAccuracy.toFixed(3)} < ${options.minIntent}`);
  if (options.minKb !== undefined && report.kbHitRate < options.minKb)
    failures.push(`kb hit rate ${report.kbHitRate.toFixed(3)} < ${options.minKb}`);
  return failures;
}

/**
 * `eval <file.jsonl>`: classifies every labelled sample and prints per-intent precision and
 * recall, the confusion matrix, the knowledge-base hit rate and the misses. Exit 1 below a
 * floor given with --min-intent / --min-kb, 2 when the file is missing or has no usable line.
 */
export async function evalCommand(runtime: Runtime, io: CommandIo, options: EvalOptions): Promise<number> {
  if (!existsSync(options.file)) {
    io.stderr.write(`eval: file not found: ${options.file}\n`);
    return EXIT_USAGE;
  }
  const { items, errors } = await readEvalItems(options.file, runtime.matcher.labels);
  if (items.length === 0) {
    io.stderr.write(
      `eval: no usable labelled line in ${options.file}${errors.length ? ` (${errors.length} bad lines; first: ${errors[0]})` : ''}\n`,
    );
    return EXIT_USAGE;
  }
  const progress = createProgressBar(io.stderr, items.length, 'eval');
  const outcomes: EvalOutcome[] = items.map((item) => {
    const result = classifyMessage(runtime, item.text);
    progress.tick();
    return { item, result };
  });
  progress.done();
  const report = scoreOutcomes(outcomes, runtime.matcher.labels, errors);
  if (options.json) writeJsonLine(io.stdout, reportAsJson(report));
  else io.stdout.write(formatEvalReport(report));
  const failures = belowFloors(report, options);
  for (const f of failures) io.stderr.write(`eval: below floor: ${f}\n`);
  return failures.length ? EXIT_BELOW_FLOOR : EXIT_OK;
}
