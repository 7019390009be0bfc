import { sql, type Kysely } from 'kysely';
import type { DialectName } from './dialect.js';
import type { Migration } from './migrations/registry.js';
import type { Database } from './schema.js';

/** Arbitrary constant shared by every instance so concurrent starts migrate one at a time. */
const MIGRATION_LOCK_KEY = 4_204_202_611;

/**
 * Applies every migration not yet recorded in `schema_migrations`, in id order, inside one
 * transaction that holds an exclusive lock (SQLite `BEGIN IMMEDIATE`, PostgreSQL advisory lock)
 * so two processes starting together never apply the same migration twice.
 * Returns the ids it applied; running it again applies nothing.
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
      await conn.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('applied_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      const rows = await sql<{ id: number }>`select id from schema_migrations`.execute(conn);
      const applied = new Set(rows.rows.map((r) => Number(r.id)));
      const done: number[] = [];
      for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
        if (applied.has(migration.id)) continue;
        await migration.up(conn, dialect);
        await sql`insert into schema_migrations (id, name, applied_at) values (${migration.id}, ${migration.name}, ${new Date().toISOString()})`.execute(
          conn,
        );
        done.push(migration.id);
      }
      await sql`commit`.execute(conn);
      return done;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/**
 * Ids of `migrations` not (yet) recorded in `schema_migrations`: empty when the schema is
 * current. Another instance may have migrated further; only missing ones count.
 */
export async function pendingMigrations(db: Kysely<Database>, migrations: readonly Migration[]): Promise<number[]> {
  const rows = await sql<{ id: number }>`select id from schema_migrations`.execute(db);
  const applied = new Set(rows.rows.map((r) => Number(r.id)));
  return migrations.map((m) => m.id).filter((id) => !applied.has(id));
}
