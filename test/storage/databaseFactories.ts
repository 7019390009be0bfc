import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PG_URL, testSchema } from '../support/pgSchema.js';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from '../../src/storage/openDatabase.js';

/**
 * A way to open the same fresh database more than once (to test restarts and
 * idempotent migrations) and to throw it away afterwards.
 */
export interface DatabaseFactory {
  engine: 'sqlite' | 'postgres';
  /** Opens the database, migrating it with `options.migrations` (every migration by default). */
  open(options?: Pick<OpenDatabaseOptions, 'migrations'>): Promise<DatabaseHandle>;
  /** Where an SQLite factory keeps its file (DATA_DIR); absent for PostgreSQL. */
  dataDir?: string;
  dispose(): Promise<void>;
}

/** SQLite in a fresh temporary DATA_DIR. */
export function sqliteFactory(): DatabaseFactory {
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-db-'));
  return {
    engine: 'sqlite',
    dataDir,
    open: (options) => openDatabase({ DATA_DIR: dataDir, DATABASE_URL: undefined }, options),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export { TEST_PG_URL };

/** PostgreSQL in a fresh schema of the test database, dropped on dispose, so parallel runs never collide. */
export function postgresFactory(): DatabaseFactory {
  const schema = testSchema('t');
  let created = false;
  return {
    engine: 'postgres',
    async open(options) {
      if (!created) {
        await schema.create();
        created = true;
      }
      return openDatabase(
        { DATA_DIR: 'unused', DATABASE_URL: TEST_PG_URL },
        {
          pgSchema: schema.name,
          pgPoolSize: 5,
          ...options,
        },
      );
    },
    async dispose() {
      if (created) await schema.drop();
    },
  };
}
