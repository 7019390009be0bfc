import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { ColumnSpec, ColumnType, EngineColumn, MigrationDocument, MigrationOperation } from './document.js';

/**
 * Applies one migration document with Kysely's schema builder: the one place that turns the
 * documents' tables, columns, keys and indexes into DDL, so every migration spells them alike.
 */
export async function applyMigration(
  db: Kysely<unknown>,
  dialect: DialectName,
  document: MigrationDocument,
): Promise<void> {
  for (const operation of document.ops) await applyOperation(db, dialect, operation);
}

async function applyOperation(db: Kysely<unknown>, dialect: DialectName, operation: MigrationOperation) {
  switch (operation.op) {
    case 'createTable': {
      let table: CreateTableBuilder<string, string> = db.schema.createTable(operation.table);
      for (const [name, column] of Object.entries(operation.columns)) {
        table = table.addColumn(name, ...columnDefinition(column, dialect));
      }
      if (operation.primaryKey) {
        table = table.addPrimaryKeyConstraint(operation.primaryKey.name, operation.primaryKey.columns);
      }
      for (const unique of operation.unique ?? []) table = table.addUniqueConstraint(unique.name, unique.columns);
      return table.execute();
    }
    case 'addColumns':
      for (const [name, column] of Object.entries(operation.columns)) {
        await db.schema
          .alterTable(operation.table)
          .addColumn(name, ...columnDefinition(column, dialect))
          .execute();
      }
      return;
    case 'createIndex': {
      const index = db.schema.createIndex(operation.name).on(operation.table).columns(operation.columns);
      return (operation.unique ? index.unique() : index).execute();
    }
    case 'sql': {
      const statement = typeof operation.sql === 'string' ? operation.sql : operation.sql[dialect];
      if (statement !== undefined) await sql.raw(statement).execute(db);
      return;
    }
  }
}

/** The data type and modifiers `addColumn` takes for `column` on `dialect`. */
function columnDefinition(
  column: EngineColumn,
  dialect: DialectName,
): [ColumnType | 'serial', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  const spec: ColumnSpec = 'type' in column ? column : column[dialect];
  const type = spec.type === 'autoId' ? (dialect === 'postgres' ? 'serial' : 'integer') : spec.type;
  return [
    type,
    (c) => {
      let built = c;
      if (spec.type === 'autoId')
        built = dialect === 'postgres' ? built.primaryKey() : built.primaryKey().autoIncrement();
      if (spec.primaryKey) built = built.primaryKey();
      if (spec.notNull) built = built.notNull();
      if (spec.unique) built = built.unique();
      if (spec.default !== undefined) built = built.defaultTo(spec.default);
      if (spec.references) built = built.references(spec.references);
      if (spec.onDelete) built = built.onDelete(spec.onDelete);
      return built;
    },
  ];
}
