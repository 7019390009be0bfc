import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allMigrations } from '../../src/storage/migrations/index.js';
import { openDatabase } from '../../src/storage/openDatabase.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'bot-concurrent-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Opens the SQLite store in `dir` in a process of its own at `at` (epoch ms); resolves to the ids it applied. */
async function openInChild(dir: string, at: number): Promise<number[]> {
  const script = new URL('./openInChild.ts', import.meta.url).pathname;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, dir, String(at)]);
  return z.array(z.number()).parse(JSON.parse(stdout));
}

describe('concurrent starts on SQLite', () => {
  it('when two processes open a fresh store at once, then both succeed and each migration is applied by one', async () => {
    // Both processes start their open at the same moment, once tsx has loaded them.
    const at = Date.now() + 4000;
    const [a, b] = await Promise.all([openInChild(dataDir, at), openInChild(dataDir, at)]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(allMigrations.map((m) => m.id));
  }, 60_000);

  it('when another instance holds the write lock of a fresh store, then opening waits for it and switches to WAL', async () => {
    // The moment CI once caught: the other instance began writing (its migrations) before this one
    // switched the file to WAL, which SQLite refuses at once instead of waiting for the lock.
    const dir = join(dataDir, 'held');
    mkdirSync(dir);
    const other = new BetterSqlite3(join(dir, 'app.db'));
    other.exec('begin immediate; create table other_instance (id integer)');
    setTimeout(() => other.exec('commit'), 300);

    const handle = await openDatabase({ DATA_DIR: dir, DATABASE_URL: undefined });
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
    await handle.close();
    other.close();

    expect(handle.appliedMigrations).toEqual(allMigrations.map((m) => m.id));
    expect(mode.rows[0]?.journal_mode).toBe('wal');
  });
});
