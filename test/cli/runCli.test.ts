import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { runCli } from '../../src/cli/runCli.js';
import { readTextSnapshot, textFingerprint } from '../../src/text/textSnapshot.js';
import { memoryIo, runCliProcess } from './cliHarness.js';

describe('runCli', () => {
  it('when the command is unknown or missing its file, then usage goes to stderr and the exit code is 2', async () => {
    const unknown = memoryIo();
    expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.err()).toMatch(/usage/);
    const noFile = memoryIo();
    expect(await runCli(['eval'], noFile.io)).toBe(2);
  });

  it('when a floor is not a number in 0..1, then it is refused as a bad request', async () => {
    await expect(runCli(['eval', 'x.jsonl', '--min-intent', '95'], memoryIo().io)).rejects.toThrow(AppError);
    await expect(runCli(['eval', 'x.jsonl', '--min-kb', 'high'], memoryIo().io)).rejects.toThrow(/--min-kb/);
  });

  it('when help is asked for, then the usage lists ask, classify and eval on stdout', async () => {
    const help = memoryIo();
    expect(await runCli(['help'], help.io)).toBe(0);
    for (const command of ['ask', 'classify', 'eval']) expect(help.out()).toContain(command);
  });
});

describe('text-snapshot', () => {
  it('when run twice on the same knowledge, then it writes the snapshot once and then says it is up to date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-snapshot-'));
    const file = join(dir, 'text-snapshot.json');
    try {
      const first = runCliProcess(['text-snapshot'], '', { TEXT_SNAPSHOT_FILE: file });
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/\d+ readings of .* written to/);
      expect(readTextSnapshot(file, textFingerprint('knowledge', [])).ok).toBe(true);
      const second = runCliProcess(['text-snapshot'], '', { TEXT_SNAPSHOT_FILE: file });
      expect(second.status).toBe(0);
      expect(second.stdout).toContain('up to date');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
