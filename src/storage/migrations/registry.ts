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

const registry = new Map<number, Migration>();

/**
 * Adds migrations to the set `openDatabase` applies. Registering the same object twice is a
 * no-op (modules may be imported repeatedly); two different migrations with one id is a bug.
 */
export function registerMigrations(...migrations: Migration[]): void {
  for (const migration of migrations) {
    if (!Number.isInteger(migration.id) || migration.id < 1) {
      throw new Error(`Migration ids are positive integers, got ${migration.id} (${migration.name})`);
    }
    const existing = registry.get(migration.id);
    if (existing && existing !== migration) {
      throw new Error(`Migration id ${migration.id} is taken by ${existing.name}, cannot add ${migration.name}`);
    }
    registry.set(migration.id, migration);
  }
}

/** Every registered migration, in id order. */
export function registeredMigrations(): Migration[] {
  return [...registry.values()].sort((a, b) => a.id - b.id);
}
