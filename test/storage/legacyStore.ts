import { sql } from 'kysely';
import type { Migration } from '../../src/storage/migrations/index.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';

/**
 * Turns a store the current runner migrated with `migrations` into what the runner before
 * issue 13 left behind: the same schema, no Kysely migration tables, and the ids in
 * `schema_migrations` (created as that runner created it).
 */
export async function asLegacyStore(handle: DatabaseHandle, migrations: readonly Migration[]): Promise<void> {
  const db = handle.db;
  await sql`drop table kysely_migration`.execute(db);
  await sql`drop table kysely_migration_lock`.execute(db);
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('applied_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  const appliedAt = new Date().toISOString();
  await db
    .insertInto('schema_migrations')
    .values(migrations.map((m) => ({ id: m.id, name: m.name, applied_at: appliedAt })))
    .execute();
}

/** The migration names Kysely's table records, in name order. */
export async function recordedNames(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
  return rows.map((r) => r.name);
}
