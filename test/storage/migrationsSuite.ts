import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { allMigrations, coreMigrations } from '../../src/storage/migrations/index.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import type { DatabaseFactory } from './databaseFactories.js';
import { asLegacyStore, recordedNames } from './legacyStore.js';
import { schemaSnapshot, type SchemaSnapshot } from './schemaSnapshot.js';

/**
 * The schema the TypeScript migrations (before issue 13) made on each engine, captured from
 * them: any way of defining migrations must keep producing exactly this.
 */
const expectedSchema = (engine: DatabaseFactory['engine']): SchemaSnapshot =>
  JSON.parse(readFileSync(new URL(`./fixtures/schema-${engine}.json`, import.meta.url), 'utf8'));

const allIds = allMigrations.map((m) => m.id);
const allNames = allMigrations.map((m) => m.name);

async function using<T>(handle: DatabaseHandle, use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

/** Migration behaviour, run against each engine. */
export function migrationsSuite(makeFactory: () => DatabaseFactory): void {
  describe('migrations', () => {
    const factory = makeFactory();
    afterAll(() => factory.dispose());

    it('when a fresh database is opened, then every migration in the list is applied once, in order', async () => {
      await using(await factory.open(), async (handle) => {
        expect(handle.appliedMigrations).toEqual(allIds);
        expect(await recordedNames(handle)).toEqual(allNames);
      });
    });

    it('when a fresh database is migrated, then its tables, columns, keys and indexes are the recorded ones', async () => {
      await using(await factory.open(), async (handle) => {
        expect(await schemaSnapshot(handle)).toEqual(expectedSchema(factory.engine));
      });
    });

    it('when the database is opened again, then no migration runs twice and data survives', async () => {
      await using(await factory.open(), (first) =>
        first.db.insertInto('settings').values({ key: 'probe', value: 'kept' }).execute(),
      );
      await using(await factory.open(), async (second) => {
        expect(second.appliedMigrations).toEqual([]);
        const row = await second.db
          .selectFrom('settings')
          .select('value')
          .where('key', '=', 'probe')
          .executeTakeFirst();
        expect(row?.value).toBe('kept');
        expect(await recordedNames(second)).toEqual(allNames);
      });
    });

    // better-sqlite3 is synchronous: two handles on one file inside one process would block the
    // event loop on each other's lock, so SQLite's concurrent start runs in child processes
    // (test/storage/concurrentStart.test.ts).
    it.runIf(factory.engine === 'postgres')(
      'when two instances open the same database at once, then both succeed and migrations are recorded once',
      async () => {
        const [a, b] = await Promise.all([factory.open(), factory.open()]);
        await using(a, async () => {
          await b.close();
          expect(await recordedNames(a)).toEqual(allNames);
          expect(b.appliedMigrations).toEqual([]);
        });
      },
    );
  });

  describe('migrations of a store the runner before issue 13 migrated', () => {
    const factory = makeFactory();
    afterAll(() => factory.dispose());

    it('when it is opened, then it counts as migrated: nothing is applied, its records are copied, data survives', async () => {
      await using(await factory.open(), async (handle) => {
        await handle.db.insertInto('settings').values({ key: 'probe', value: 'kept' }).execute();
        await asLegacyStore(handle, allMigrations);
      });
      const again = factory.engine === 'postgres' ? Promise.all([factory.open(), factory.open()]) : factory.open();
      const handles = [await again].flat();
      for (const handle of handles) {
        await using(handle, async () => {
          expect(handle.appliedMigrations).toEqual([]);
          expect(await recordedNames(handle)).toEqual(allNames);
          const row = await handle.db.selectFrom('settings').select('value').executeTakeFirst();
          expect(row?.value).toBe('kept');
        });
      }
      await using(await factory.open(), async (handle) => {
        const legacy = await handle.db.selectFrom('schema_migrations').select('id').execute();
        expect(legacy.map((r) => Number(r.id)).sort((x, y) => x - y)).toEqual(allIds);
        expect(await schemaSnapshot(handle)).toEqual(expectedSchema(factory.engine));
      });
    });
  });

  describe('migrations of a store the runner before issue 13 migrated partly', () => {
    const factory = makeFactory();
    afterAll(() => factory.dispose());

    it('when it is opened, then only the migrations it lacks are applied', async () => {
      await using(await factory.open({ migrations: coreMigrations }), (handle) =>
        asLegacyStore(handle, coreMigrations),
      );
      await using(await factory.open(), async (handle) => {
        expect(handle.appliedMigrations).toEqual(allIds.filter((id) => id >= 100));
        expect(await recordedNames(handle)).toEqual(allNames);
        expect(await schemaSnapshot(handle)).toEqual(expectedSchema(factory.engine));
      });
    });
  });
}
