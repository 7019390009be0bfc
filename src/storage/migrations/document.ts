import { z } from 'zod';
import { readJsonFile } from '../../knowledge/readJsonFile.js';

/** The column types migrations use; each is one Kysely knows, so it reaches the schema builder as is. */
const SIMPLE_TYPES = ['text', 'integer', 'bigint', 'real', 'blob', 'bytea'] as const;
export type ColumnType = (typeof SIMPLE_TYPES)[number] | `varchar(${number})`;

/**
 * One column, parsed from its compact spelling: a type, then modifiers, e.g.
 * `"varchar(32) notNull unique"`, `"integer notNull references tickets.id onDelete cascade"`,
 * `"varchar(16) notNull default 'agent'"`. `autoId` is the auto-increment integer primary key,
 * which the engines spell differently (SQLite `integer … autoincrement`, PostgreSQL `serial`).
 */
export interface ColumnSpec {
  type: ColumnType | 'autoId';
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  default?: string | number;
  references?: string;
  onDelete?: 'cascade' | 'restrict';
}

function columnType(word: string): ColumnType | 'autoId' | undefined {
  if (word === 'autoId') return word;
  const simple = SIMPLE_TYPES.find((t) => t === word);
  if (simple) return simple;
  const size = /^varchar\(([1-9]\d*)\)$/.exec(word)?.[1];
  return size === undefined ? undefined : `varchar(${Number(size)})`;
}

/** The spec of `text`, or why it is not one. */
export function parseColumn(text: string): ColumnSpec | string {
  const [first = '', ...words] = text.trim().split(/\s+/);
  const type = columnType(first);
  if (!type) return `unknown column type '${first}' (${SIMPLE_TYPES.join(', ')}, varchar(n) or autoId)`;
  const spec: ColumnSpec = { type, notNull: false, primaryKey: false, unique: false };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i];
    const next = words[i + 1];
    if (word === 'notNull' || word === 'primaryKey' || word === 'unique') spec[word] = true;
    else if (word === 'default' && next !== undefined && /^(-?\d+|'[^']*')$/.test(next)) {
      spec.default = next.startsWith("'") ? next.slice(1, -1) : Number(next);
      i += 1;
    } else if (word === 'references' && next !== undefined && /^\w+\.\w+$/.test(next)) {
      spec.references = next;
      i += 1;
    } else if (word === 'onDelete' && spec.references && (next === 'cascade' || next === 'restrict')) {
      spec.onDelete = next;
      i += 1;
    } else
      return `unexpected '${word}' in '${text}' (notNull, primaryKey, unique, default <n|'text'>, references <table.column> [onDelete cascade|restrict])`;
  }
  return spec;
}

/**
 * A column the same on both engines, or spelled per engine. Parsed once the shape is checked, so
 * a misspelt modifier is reported as such rather than as a union that matched nothing.
 */
const columnOnEngines = z
  .union([z.string(), z.strictObject({ sqlite: z.string(), postgres: z.string() })])
  .transform((value, ctx) => {
    const parse = (text: string, path: string[]): ColumnSpec => {
      const spec = parseColumn(text);
      if (typeof spec !== 'string') return spec;
      ctx.addIssue({ code: 'custom', message: spec, path });
      // Any value: an issue makes the whole document fail.
      return { type: 'text', notNull: false, primaryKey: false, unique: false };
    };
    return typeof value === 'string'
      ? parse(value, [])
      : { sqlite: parse(value.sqlite, ['sqlite']), postgres: parse(value.postgres, ['postgres']) };
  });
export type EngineColumn = z.infer<typeof columnOnEngines>;

const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'lower-case letters, digits and _');
/** Columns by name, in table order (names never look like numbers, so JSON keeps their order). */
const columns = z.record(identifier, columnOnEngines);
const namedColumns = z.strictObject({ name: identifier, columns: z.array(identifier).min(1) });

const operation = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('createTable'),
    table: identifier,
    columns,
    primaryKey: namedColumns.optional(),
    unique: z.array(namedColumns).optional(),
  }),
  /** One `alter table … add column` per column: SQLite adds one at a time. */
  z.strictObject({ op: z.literal('addColumns'), table: identifier, columns }),
  z.strictObject({
    op: z.literal('createIndex'),
    name: identifier,
    table: identifier,
    columns: z.array(identifier).min(1),
    unique: z.boolean().optional(),
  }),
  /** A data change or an engine's own statement; an engine left out runs nothing. */
  z.strictObject({
    op: z.literal('sql'),
    sql: z.union([
      z.string().min(1),
      z.strictObject({ sqlite: z.string().optional(), postgres: z.string().optional() }),
    ]),
  }),
]);
export type MigrationOperation = z.infer<typeof operation>;

const documentSchema = z.strictObject({
  /** Why the change is made: what the tables are for. */
  description: z.string().min(1),
  ops: z.array(operation).min(1),
});
export type MigrationDocument = z.infer<typeof documentSchema>;

/** Reads one migration document; a bad one is AppError('bad_document') naming the file and field. */
export function readMigrationDocument(file: string): MigrationDocument {
  return readJsonFile(file, documentSchema);
}
