import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { allMigrations } from '../../src/storage/migrations/index.js';
import type { DatabaseFactory } from './databaseFactories.js';
import { schemaSnapshot, type SchemaSnapshot } from './schemaSnapshot.js';

/**
 * The schema the TypeScript migrations (before issue 13) made on each engine, captured from
 * them: any way of defining migrations must keep producing exactly this.
 */
const expectedSchema = (engine: DatabaseFactory['engine']): SchemaSnapshot =>
  JSON.parse(readFileSync(new URL(`./fixtures/schema-${engine}.json`, import.meta.url), 'utf8'));

/** Migration behaviour, run against each engine. */
export function migrationsSuite(makeFactory: () => DatabaseFactory): void {
  describe('migrations', () => {
    const factory = makeFactory();
    afterAll(() => factory.dispose());

    it('when a fresh database is opened, then every migration in the list is applied once, in order', async () => {
      const handle = await factory.open();
      try {
        const expectedIds = allMigrations.map((m) => m.id);
        expect(handle.appliedMigrations).toEqual(expectedIds);
        const rows = await handle.db.selectFrom('schema_migrations').select(['id', 'name']).orderBy('id').execute();
        expect(rows.map((r) => Number(r.id))).toEqual(expectedIds);
      } finally {
        await handle.close();
      }
    });

    it('when a fresh database is migrated, then its tables, columns, keys and indexes are the recorded ones', async () => {
      const handle = await factory.open();
      try {
        expect(await schemaSnapshot(handle)).toEqual(expectedSchema(factory.engine));
      } finally {
        await handle.close();
      }
    });

    it('when the database is opened again, then no migration runs twice and data survives', async () => {
      const first = await factory.open();
      await first.db.insertInto('settings').values({ key: 'probe', value: 'kept' }).execute();
      await first.close();
      const second = await factory.open();
      try {
        expect(second.appliedMigrations).toEqual([]);
        const row = await second.db
          .selectFrom('settings')
          .select('value')
          .where('key', '=', 'probe')
          .executeTakeFirst();
        expect(row?.value).toBe('kept');
        const count = await sql<{ n: number }>`select count(*) as n from schema_migrations`.execute(second.db);
        expect(Number(count.rows[0]?.n)).toBe(allMigrations.length);
      } finally {
        await second.close();
      }
    });

    // better-sqlite3 is synchronous: two handles on one file inside one process would block the
    // event loop on each other's lock, so the concurrent start is a multi-process (PostgreSQL) case.
    it.runIf(factory.engine === 'postgres')(
      'when two instances open the same database at once, then both succeed and migrations are recorded once',
      async () => {
        const [a, b] = await Promise.all([factory.open(), factory.open()]);
        try {
          const rows = await a.db.selectFrom('schema_migrations').select('id').execute();
          expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
          expect(b.appliedMigrations).toEqual([]);
        } finally {
          await a.close();
          await b.close();
        }
      },
    );
  });
}
