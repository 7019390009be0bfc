import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';

/** The bookkeeping tables of the migration runners: not part of the application's schema. */
const BOOKKEEPING = new Set(['schema_migrations', 'kysely_migration', 'kysely_migration_lock']);

/** Everything that makes a schema: tables, columns (type, nullability, default), keys and indexes. */
export interface SchemaSnapshot {
  tables: { name: string; columns: { name: string; dataType: string; nullable: boolean; default: boolean }[] }[];
  /** SQLite: each object's `CREATE` statement; PostgreSQL: column details, constraints and index definitions. */
  definitions: string[];
}

/**
 * The schema of `handle`'s database, from Kysely's introspection plus the engine's catalogue,
 * with the PostgreSQL schema name taken out so databases in different test schemas compare.
 */
export async function schemaSnapshot(handle: DatabaseHandle): Promise<SchemaSnapshot> {
  const introspected = await handle.db.introspection.getTables();
  const current =
    handle.dialect === 'postgres'
      ? (await sql<{ name: string }>`select current_schema() as name`.execute(handle.db)).rows[0]?.name
      : undefined;
  const tables = introspected
    .filter((t) => !BOOKKEEPING.has(t.name) && (current === undefined || t.schema === current))
    .map((t) => ({
      name: t.name,
      columns: t.columns.map((c) => ({
        name: c.name,
        dataType: c.dataType,
        nullable: c.isNullable,
        default: c.hasDefaultValue,
      })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const definitions = current === undefined ? await sqliteDefinitions(handle) : await postgresDefinitions(handle);
  const anonymous = (text: string) => (current === undefined ? text : text.split(`${current}.`).join('<schema>.'));
  return { tables, definitions: definitions.map(anonymous).sort() };
}

async function sqliteDefinitions(handle: DatabaseHandle): Promise<string[]> {
  const rows = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    select type, name, tbl_name, sql from sqlite_master`.execute(handle.db);
  return rows.rows
    .filter((r) => !BOOKKEEPING.has(r.tbl_name))
    .map((r) => `${r.type} ${r.name} on ${r.tbl_name}: ${r.sql ?? '(automatic)'}`);
}

async function postgresDefinitions(handle: DatabaseHandle): Promise<string[]> {
  const columns = await sql<{
    t: string;
    c: string;
    type: string;
    len: number | null;
    nullable: string;
    def: string | null;
  }>`
    select table_name as t, column_name as c, data_type as type, character_maximum_length as len,
           is_nullable as nullable, column_default as def
    from information_schema.columns where table_schema = current_schema()`.execute(handle.db);
  const constraints = await sql<{ t: string; name: string; def: string }>`
    select rel.relname as t, con.conname as name, pg_get_constraintdef(con.oid) as def
    from pg_constraint con join pg_class rel on rel.oid = con.conrelid
    where rel.relnamespace = current_schema()::regnamespace`.execute(handle.db);
  const indexes = await sql<{ t: string; def: string }>`
    select tablename as t, indexdef as def from pg_indexes where schemaname = current_schema()`.execute(handle.db);
  return [
    ...columns.rows
      .filter((r) => !BOOKKEEPING.has(r.t))
      .map((r) => `column ${r.t}.${r.c}: ${r.type}(${r.len ?? '-'}) nullable=${r.nullable} default=${r.def ?? '-'}`),
    ...constraints.rows.filter((r) => !BOOKKEEPING.has(r.t)).map((r) => `constraint ${r.t}.${r.name}: ${r.def}`),
    ...indexes.rows.filter((r) => !BOOKKEEPING.has(r.t)).map((r) => `index ${r.t}: ${r.def}`),
  ];
}
