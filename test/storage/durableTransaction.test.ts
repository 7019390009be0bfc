import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { durableTransaction } from '../../src/storage/durableTransaction.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/openDatabase.js';
import type { Database } from '../../src/storage/schema.js';

/** SQLite's synchronous levels: 1 NORMAL, 2 FULL. */
async function syncLevel(db: Kysely<Database>): Promise<number | undefined> {
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
  return rows[0]?.synchronous;
}

describe('durable commits on the embedded store', () => {
  let dir: string;
  let handle: DatabaseHandle;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'durable-'));
    handle = await openDatabase({ DATA_DIR: dir, DATABASE_URL: undefined });
  });
  afterEach(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the store opens, then ordinary commits are NORMAL (crash-safe in WAL, no fsync each)', async () => {
    expect(await syncLevel(handle.db)).toBe(1);
  });

  it('when work commits durably, then it runs at FULL and the level is NORMAL again afterwards', async () => {
    const seen = await durableTransaction(handle.db, handle.dialect, (trx) => syncLevel(trx));
    expect(seen).toBe(2);
    expect(await syncLevel(handle.db)).toBe(1);
  });

  it('when durable work fails, then it rolls back, the error surfaces and the level is NORMAL again', async () => {
    await sql`create table probe (x integer)`.execute(handle.db);
    await expect(
      durableTransaction(handle.db, handle.dialect, async (trx) => {
        await sql`insert into probe values (1)`.execute(trx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await sql<{ n: number }>`select count(*) as n from probe`.execute(handle.db);
    expect(rows[0]?.n).toBe(0);
    expect(await syncLevel(handle.db)).toBe(1);
  });
});
