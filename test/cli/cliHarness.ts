import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CommandIo } from '../../src/cli/io.js';

/** In-process IO: stdin from a string, stdout/stderr collected. */
export function memoryIo(input = ''): { io: CommandIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return { io: { stdin: Readable.from([input]), stdout, stderr }, out: () => out, err: () => err };
}

const projectRoot = resolve(import.meta.dirname, '..', '..');
const tsxCli = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/**
 * Runs the real CLI in a child process from a scratch directory holding a .env file, the
 * trap that makes natural's storage modules print dotenv banners to stdout.
 */
export function runCliProcess(
  args: string[],
  input: string,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'cli-'));
  writeFileSync(join(cwd, '.env'), 'SOME_SETTING=1\n');
  const result = spawnSync(process.execPath, [tsxCli, join(projectRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', KNOWLEDGE_DIR: join(projectRoot, 'knowledge'), ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a JSONL file in a scratch directory and returns its path. */
export function jsonlFile(rows: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'eval-')), 'set.jsonl');
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}
