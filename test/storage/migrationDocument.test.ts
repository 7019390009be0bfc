import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { parseColumn } from '../../src/storage/migrations/document.js';
import { loadMigrations } from '../../src/storage/migrations/registry.js';
import { openDatabase } from '../../src/storage/openDatabase.js';

const srcDir = mkdtempSync(join(tmpdir(), 'bot-migration-docs-'));
afterAll(() => rmSync(srcDir, { recursive: true, force: true }));

/** Writes `document` as src/<file> of a scratch source tree. */
function write(file: string, document: unknown): string {
  mkdirSync(join(srcDir, file, '..'), { recursive: true });
  writeFileSync(join(srcDir, file), JSON.stringify(document));
  return file;
}

const table = (columns: Record<string, unknown>) => ({
  description: 'probe',
  ops: [{ op: 'createTable', table: 'probe', columns }],
});

function refusal(files: string[]): AppError {
  try {
    loadMigrations(files, srcDir);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the documents were accepted');
}

describe('migration documents', () => {
  it('when a column is misspelt, then loading fails naming the file and the column', () => {
    const file = write('probe/migrations/001_probe.json', table({ id: 'autoId', login: 'varchar(64) notnul' }));
    const error = refusal([file]);
    expect(error.code).toBe('bad_document');
    expect(error.details).toMatchObject({ file: join(srcDir, file), field: 'ops.0.columns.login' });
    expect(error.message).toContain("unexpected 'notnul'");
    const perEngine = write(
      'probe/migrations/004_engines.json',
      table({ data: { sqlite: 'blob', postgres: 'bytes' } }),
    );
    expect(refusal([perEngine]).details).toMatchObject({ field: 'ops.0.columns.data.postgres' });
  });

  it('when an operation is unknown or has a stray field, then loading fails naming the field', () => {
    const unknown = write('probe/migrations/002_unknown.json', { description: 'x', ops: [{ op: 'dropTable' }] });
    expect(refusal([unknown]).details).toMatchObject({ field: 'ops.0.op' });
    const stray = write('probe/migrations/003_stray.json', {
      description: 'x',
      ops: [{ op: 'createIndex', name: 'i', table: 't', columns: ['a'], uniqe: true }],
    });
    expect(refusal([stray]).message).toContain('uniqe');
  });

  it('when a file name does not start with a three-digit id, then the list is refused', () => {
    const file = write('probe/migrations/probe.json', table({ id: 'autoId' }));
    expect(refusal([file]).message).toMatch(/positive integers/);
  });

  it('when columns are spelt compactly, then each modifier is read', () => {
    expect(parseColumn("varchar(16) notNull default 'agent'")).toEqual({
      type: 'varchar(16)',
      notNull: true,
      primaryKey: false,
      unique: false,
      default: 'agent',
    });
    expect(parseColumn('integer notNull references tickets.id onDelete cascade')).toMatchObject({
      references: 'tickets.id',
      onDelete: 'cascade',
    });
    expect(parseColumn('integer default 0')).toMatchObject({ default: 0 });
    expect(parseColumn('varchar notNull')).toMatch(/unknown column type/);
    expect(parseColumn('text onDelete cascade')).toMatch(/unexpected 'onDelete'/);
  });

  it('when a migration fails part-way, then the start fails naming it and none of it is applied', async () => {
    const good = write('probe/migrations/010_good.json', table({ id: 'autoId' }));
    const bad = write('probe/migrations/011_bad.json', {
      description: 'fails on its second statement',
      ops: [
        { op: 'createTable', table: 'half', columns: { id: 'autoId' } },
        { op: 'sql', sql: 'select * from no_such_table' },
      ],
    });
    const dataDir = join(srcDir, 'data');
    const config = { DATA_DIR: dataDir, DATABASE_URL: undefined };
    await expect(openDatabase(config, { migrations: loadMigrations([good, bad], srcDir) })).rejects.toThrow(
      /Migration 011_bad failed: .*no_such_table/,
    );
    const handle = await openDatabase(config, { migrations: [] });
    try {
      expect((await handle.db.introspection.getTables()).map((t) => t.name)).not.toContain('half');
      expect((await handle.db.introspection.getTables()).map((t) => t.name)).not.toContain('probe');
    } finally {
      await handle.close();
    }
  });
});
