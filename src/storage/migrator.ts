import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import { AppError } from '../errors.js';
import type { DialectName } from './dialect.js';
import { applyMigration } from './migrations/apply.js';
import type { Migration } from './migrations/registry.js';
import type { Database } from './schema.js';

/**
 * The PostgreSQL advisory lock the runner before issue 13 took: keeping its key makes an old and
 * a new instance starting together take turns as well.
 */
const MIGRATION_LOCK_KEY = 4_204_202_611;

/** Kysely's table of applied migrations (its default name), one row per migration name. */
type KyselyMigrationTables = {
  kysely_migration: { name: string; timestamp: string };
};

/**
 * Applies every migration of `migrations` not yet applied, with Kysely's Migrator, and returns
 * their ids (empty when the schema was current). A store the old runner migrated is recognised
 * first (see bridgeLegacyRecords). Everything runs in one transaction holding an exclusive lock,
 * so two processes starting together never apply a migration twice and a failed start leaves
 * nothing half-applied: Kysely's SQLite adapter takes no lock and runs SQLite migrations outside
 * any transaction, so `BEGIN IMMEDIATE` takes SQLite's write lock up front (a second process
 * waits for it, busy_timeout, then finds everything applied); PostgreSQL's is an advisory lock.
 */
export async function runMigrations(
  db: Kysely<Database>,
  dialect: DialectName,
  migrations: readonly Migration[],
): Promise<number[]> {
  return db.connection().execute(async (conn) => {
    await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    try {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
      const schema = await currentSchema(conn, dialect);
      await bridgeLegacyRecords(conn, schema, migrations);
      const { error, results = [] } = await migratorFor(conn, dialect, migrations, schema).migrateToLatest();
      if (error !== undefined) throw failure(error, results);
      await sql`commit`.execute(conn);
      return results.map((r) => idOf(r.migrationName, migrations));
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/**
 * Ids of `migrations` that Kysely's migration table does not record: empty when the schema is
 * current. Another instance may have migrated further; only missing ones count.
 */
export async function pendingMigrations(
  db: Kysely<Database>,
  dialect: DialectName,
  migrations: readonly Migration[],
): Promise<number[]> {
  const known = await migratorFor(db, dialect, migrations, await currentSchema(db, dialect)).getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => idOf(m.name, migrations));
}

function migratorFor(
  db: Kysely<Database>,
  dialect: DialectName,
  migrations: readonly Migration[],
  schema: string | undefined,
): Migrator {
  const byName = Object.fromEntries(
    migrations.map((m) => [
      m.name,
      { up: (migrating: Kysely<unknown>) => applyMigration(migrating, dialect, m.document) },
    ]),
  );
  return new Migrator({
    db,
    provider: { getMigrations: async () => byName },
    // Names are `<3-digit id>_…` (checked in ./migrations/registry.ts), so Kysely's name order is the list's.
    // On PostgreSQL Kysely looks for its tables in every schema; naming ours keeps schemas that
    // share a database (tests make one per run) apart.
    migrationTableSchema: schema,
    // Like the old runner, apply whatever is missing in id order: a bridged store may record
    // migrations with equal timestamps or out of name order, which Kysely's order check refuses.
    allowUnorderedMigrations: true,
    // runMigrations holds its own transaction around the Migrator (Kysely's would not lock).
    disableTransactions: true,
  });
}

/** PostgreSQL's schema that unqualified names go to (the search_path's first); none on SQLite. */
async function currentSchema(db: Kysely<Database>, dialect: DialectName): Promise<string | undefined> {
  if (dialect === 'sqlite') return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}

/**
 * Copies what the runner before issue 13 recorded in `schema_migrations` into Kysely's table, so
 * a store it migrated counts as migrated. Idempotent (copies only names Kysely lacks) and run
 * under runMigrations' lock, so concurrent starts copy once. `schema_migrations` is kept as is.
 */
async function bridgeLegacyRecords(
  conn: Kysely<Database>,
  schema: string | undefined,
  migrations: readonly Migration[],
): Promise<void> {
  const tables = await conn.introspection.getTables();
  if (!tables.some((t) => t.name === 'schema_migrations' && (schema === undefined || t.schema === schema))) return;
  // Kysely's own layout for its table (Migrator creates it so when missing).
  await conn.schema
    .createTable('kysely_migration')
    .ifNotExists()
    .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
    .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
    .execute();
  const kysely = conn.withTables<KyselyMigrationTables>();
  const known = new Set((await kysely.selectFrom('kysely_migration').select('name').execute()).map((r) => r.name));
  const recorded = await conn.selectFrom('schema_migrations').select(['id', 'applied_at']).execute();
  const missing = recorded.flatMap((r) => {
    const migration = migrations.find((m) => m.id === Number(r.id));
    return migration && !known.has(migration.name) ? [{ name: migration.name, timestamp: r.applied_at }] : [];
  });
  if (missing.length > 0) await kysely.insertInto('kysely_migration').values(missing).execute();
}

function idOf(name: string, migrations: readonly Migration[]): number {
  const migration = migrations.find((m) => m.name === name);
  if (!migration) throw new AppError('internal', `Unknown migration ${name}`);
  return migration.id;
}

/** The Migrator's error, naming the migration that failed. */
function failure(error: unknown, results: readonly MigrationResult[]): AppError {
  const failed = results.find((r) => r.status === 'Error')?.migrationName ?? '(before any migration)';
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('internal', `Migration ${failed} failed: ${reason}`, { migration: failed, cause: error });
}
