import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * One versioned schema change. `id` orders migrations and is what the `schema_migrations`
 * table records; ids below 100 belong to src/storage, later capabilities use 100 and up.
 */
export interface Migration {
  id: number;
  name: string;
  /**
   * Runs inside the migration transaction. Use `db.schema` for DDL (untyped) and
   * `db.withTables<YourTables>()` for data; the dialect allows per-engine DDL.
   */
  up(db: Kysely<Database>, dialect: DialectName): Promise<void>;
}

/**
 * The list as given, once its ids are checked: positive integers, each used once, ascending
 * (so the list reads in the order the migrations apply). A bad list is a bug: it throws.
 */
export function checkedMigrations(migrations: readonly Migration[]): readonly Migration[] {
  migrations.forEach((migration, i) => {
    if (!Number.isInteger(migration.id) || migration.id < 1)
      throw new Error(`Migration ids are positive integers, got ${migration.id} (${migration.name})`);
    const before = migrations[i - 1];
    if (before && before.id >= migration.id)
      throw new Error(
        `Migration ${migration.name} (${migration.id}) must come after ${before.name} (${before.id}) with a larger id`,
      );
  });
  return migrations;
}
