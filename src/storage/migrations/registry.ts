import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../errors.js';
import { readMigrationDocument, type MigrationDocument } from './document.js';

/**
 * One versioned schema change. `name` is its file's name without `.json` and is what Kysely's
 * migration table records; `id`, the name's number, orders migrations (below 100 belong to
 * src/storage, later capabilities use 100 and up).
 */
export interface Migration {
  id: number;
  name: string;
  document: MigrationDocument;
}

/** `<3-digit id>_<words>.json`: three digits, so names sort as their ids do (Kysely sorts names). */
const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.json$/;

/** src/ as the code runs: the sources under tsx, dist/src/ once built (the build copies the documents there). */
const CODE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The migrations in `files` (paths from src/), in the order given, once the list is checked.
 * A bad document is AppError('bad_document') naming its file and field; a bad list is a bug.
 */
export function loadMigrations(files: readonly string[], srcDir = CODE_DIR): readonly Migration[] {
  return checkedMigrations(
    files.map((file) => {
      const id = Number(FILE_NAME.exec(basename(file))?.[1] ?? Number.NaN);
      const name = basename(file, '.json');
      return { id, name, document: readMigrationDocument(join(srcDir, file)) };
    }),
  );
}

/**
 * The list as given, once its ids are checked: positive integers from well-formed file names,
 * each used once, ascending (so the list reads in the order the migrations apply). Throws if not.
 */
export function checkedMigrations<M extends Pick<Migration, 'id' | 'name'>>(migrations: readonly M[]): readonly M[] {
  migrations.forEach((migration, i) => {
    if (!Number.isInteger(migration.id) || migration.id < 1)
      throw new AppError('internal', `Migration ids are positive integers, got ${migration.id} (${migration.name})`);
    const before = migrations[i - 1];
    if (before && (before.id >= migration.id || before.name >= migration.name))
      throw new AppError(
        'internal',
        `Migration ${migration.name} (${migration.id}) must come after ${before.name} (${before.id}) with a larger id`,
      );
  });
  return migrations;
}
