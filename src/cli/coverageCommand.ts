import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { todayIso } from '../coverage/isoDate.js';
import { formatAssessment } from '../coverage/formatAssessment.js';
import { isoDateSchema, type CoverageEngine } from '../coverage/types.js';
import { loadDomain } from '../loadDomain.js';
import { EXIT_OK, EXIT_USAGE, writeJsonLine, type CommandIo } from './io.js';
import { idSchema, MAX_LINE_CHARS, readLines } from './jsonLines.js';
import { checkMessageText } from './messageText.js';

export const COVERAGE_USAGE = `  coverage                      JSON Lines {"id","input"} on stdin -> {"id", ...decision} (bad line -> {"id","error"})
  coverage --text "<中文描述>" [--today YYYY-MM-DD] [--json]
                                read the facts from Chinese, print the decision and what is still needed
`;

const lineSchema = z.object({ id: idSchema, input: z.unknown() });

export interface CoverageCommandConfig {
  KNOWLEDGE_DIR: string;
  TZ_OFFSET_MINUTES: number;
}

/** Makes the engine; tests pass their own to skip loading. */
export type EngineFactory = (knowledgeDir: string) => CoverageEngine;

const defaultFactory: EngineFactory = (dir) => loadDomain(dir).coverage;

/**
 * `coverage`: decides coverage for each JSON line on stdin, or with --text explains one Chinese
 * message. A bad line yields {"id","error"} and the run goes on. Returns the exit code.
 */
export async function coverageCommand(
  args: string[],
  io: CommandIo,
  config: CoverageCommandConfig,
  makeEngine: EngineFactory = defaultFactory,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { text: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const today = values.today ?? todayIso(config.TZ_OFFSET_MINUTES);
  if (!isoDateSchema.safeParse(today).success)
    throw new AppError('bad_request', `--today needs a date YYYY-MM-DD, got "${today}"`, { field: 'today' });
  const engine = makeEngine(config.KNOWLEDGE_DIR);

  if (values.text !== undefined) {
    // The same check as every other customer text: length, malformed Unicode, control characters.
    const checked = checkMessageText(values.text.trim());
    if (!checked.ok) {
      io.stderr.write(`error: --text 需要 1 到 2000 个字符的描述（${checked.reason}）\n${COVERAGE_USAGE}`);
      return EXIT_USAGE;
    }
    const text = checked.value;
    const assessment = engine.assess(text, today);
    if (values.json) writeJsonLine(io.stdout, assessment);
    else io.stdout.write(formatAssessment(assessment));
    return EXIT_OK;
  }

  for await (const { line, lineNo } of readLines(io.stdin)) {
    writeJsonLine(io.stdout, decideLine(engine, line, lineNo));
  }
  return EXIT_OK;
}

/** One input line to one output object: the decision, or an error naming the line and field. */
function decideLine(engine: CoverageEngine, line: string, lineNo: number): Record<string, unknown> {
  if (line.length > MAX_LINE_CHARS)
    return { id: null, error: `line ${lineNo}: too long (${line.length} characters, max ${MAX_LINE_CHARS})` };
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { id: null, error: `line ${lineNo}: not valid JSON` };
  }
  const parsedLine = lineSchema.safeParse(raw);
  if (!parsedLine.success) {
    const idOnly = z.object({ id: idSchema }).safeParse(raw);
    const issue = parsedLine.error.issues[0];
    return {
      id: idOnly.success ? idOnly.data.id : null,
      error: `line ${lineNo}: ${issue?.path.join('.') || 'line'}: ${issue?.message}`,
      field: issue?.path.join('.'),
    };
  }
  try {
    return { id: parsedLine.data.id, ...engine.decide(parsedLine.data.input) };
  } catch (e) {
    if (e instanceof AppError && e.code === 'bad_request') {
      return { id: parsedLine.data.id, error: `line ${lineNo}: ${e.message}`, field: e.details.field };
    }
    throw e;
  }
}
