import { AppError } from '../errors.js';
import { EXIT_USAGE, type CommandIo } from './io.js';
import { runCli, USAGE } from './runCli.js';

const EXIT_INTERNAL = 3;

const io: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
// A reader that stops early (`classify | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Usage mistakes and bad documents get one clear line; anything else is a bug worth its stack.
    if (err instanceof AppError) io.stderr.write(`error: ${err.message}\n`);
    else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
      io.stderr.write(`error: ${err.message}\n${USAGE}`);
    else io.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = err instanceof AppError && err.code === 'bad_request' ? EXIT_USAGE : EXIT_INTERNAL;
  },
);
