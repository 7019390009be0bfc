import type { Readable, Writable } from 'node:stream';

/** The streams a command talks to; main.ts passes the process's, tests pass their own. */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit codes: 0 fine, 1 below a quality floor, 2 unusable input or usage error. */
export const EXIT_OK = 0;
export const EXIT_BELOW_FLOOR = 1;
export const EXIT_USAGE = 2;

/** Writes one JSON value as a line. */
export function writeJsonLine(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value)}\n`);
}
