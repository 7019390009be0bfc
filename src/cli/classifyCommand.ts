import { z } from 'zod';
import { EXIT_OK, EXIT_USAGE, writeJsonLine, type CommandIo } from './io.js';
import { idSchema, parseJsonLine, readLines } from './jsonLines.js';
import { classifyMessage, type Runtime } from './runtime.js';

const classifyLineSchema = z.object({ id: idSchema, text: z.string() });

/**
 * `classify`: JSON Lines in ({"id","text",...}), one JSON line out per input line:
 * {"id","intent","confidence","answer","citations"} or {"id","error"}. Bad lines never stop
 * the run; the exit code is non-zero only when no line at all was usable.
 */
export async function classifyCommand(runtime: Runtime, io: CommandIo): Promise<number> {
  let valid = 0;
  let total = 0;
  for await (const { line, lineNo } of readLines(io.stdin)) {
    total++;
    const item = parseJsonLine(line, lineNo, classifyLineSchema);
    if (!item.ok) {
      writeJsonLine(io.stdout, { id: item.id, error: item.reason });
      continue;
    }
    valid++;
    const { id, text } = item.value;
    writeJsonLine(io.stdout, { id, ...classifyMessage(runtime, text) });
  }
  if (valid === 0) {
    io.stderr.write(
      total === 0
        ? 'classify: no input on stdin (expected JSON Lines with "id" and "text")\n'
        : `classify: none of the ${total} lines was usable\n`,
    );
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
