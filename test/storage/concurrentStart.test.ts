import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { allMigrations } from '../../src/storage/migrations/index.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'bot-concurrent-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Opens the SQLite store in `dataDir` in a process of its own at `at` (epoch ms); resolves to the ids it applied. */
async function openInChild(at: number): Promise<number[]> {
  const script = new URL('./openInChild.ts', import.meta.url).pathname;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, dataDir, String(at)]);
  return JSON.parse(stdout);
}

describe('concurrent starts on SQLite', () => {
  it('when two processes open a fresh store at once, then both succeed and each migration is applied by one', async () => {
    // Both processes start their open at the same moment, once tsx has loaded them.
    const at = Date.now() + 4000;
    const [a, b] = await Promise.all([openInChild(at), openInChild(at)]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(allMigrations.map((m) => m.id));
  }, 60_000);
});
