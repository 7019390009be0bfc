import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { PoolConfig } from 'pg';
import type { AppConfig } from '../config.js';
import type { DialectName } from './dialect.js';
import { allMigrations, type Migration } from './migrations/index.js';
import { runMigrations } from './migrator.js';
import { withStatementCache } from './statementCache.js';
import type { Database } from './schema.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives: the SQLite file path, or the PostgreSQL URL without its password. */
  location: string;
  /** Migration ids applied by this open (empty when the schema was already current). */
  appliedMigrations: number[];
  /**
   * How to reach the same PostgreSQL database and schema (absent on SQLite), for parts that
   * need connections of their own: turn locks hold one per running turn, limiters share a few.
   */
  pgConnection?: PoolConfig;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL schema to use (search_path); tests use a fresh one per run. */
  pgSchema?: string;
  /** Defaults to every registered migration. */
  migrations?: readonly Migration[];
  /** Pool size for PostgreSQL. */
  pgPoolSize?: number;
  /** Told when an idle PostgreSQL client loses its connection (the pool reconnects). */
  onIdleClientError?: (error: Error) => void;
}

/**
 * Opens the application database and brings its schema up to date: PostgreSQL when
 * DATABASE_URL is set, otherwise the embedded SQLite file `app.db` in DATA_DIR.
 */
export async function openDatabase(
  config: Pick<AppConfig, 'DATA_DIR' | 'DATABASE_URL'>,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  const handle = config.DATABASE_URL
    ? await openPostgres(config.DATABASE_URL, options)
    : await openSqlite(join(config.DATA_DIR, 'app.db'));
  try {
    const applied = await runMigrations(handle.db, handle.dialect, options.migrations ?? allMigrations);
    return { ...handle, appliedMigrations: applied };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Owner-only: the database holds customers' personal data. */
const PRIVATE_FILE_MODE = 0o600;

async function openSqlite(file: string): Promise<Omit<DatabaseHandle, 'appliedMigrations'>> {
  // A data directory we create is private; one that exists is the operator's to set.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Create the file owner-only before SQLite does (it would follow the umask, usually 0644);
  // SQLite gives its -wal and -shm files the database file's permissions.
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  const database = new BetterSqlite3(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  // WAL lets readers run beside the writer. NORMAL: every commit survives a crash of the process;
  // tickets commit with FULL to survive a power cut too (src/storage/durableTransaction.ts).
  try {
    await switchToWal(database);
  } catch (error) {
    database.close();
    throw error;
  }
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // Files from before this rule (or copied in) are tightened too.
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/** How long a statement waits for another process's lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Puts the file in WAL mode. Switching reads the header under a shared lock and then upgrades it;
 * SQLite answers SQLITE_BUSY at once, without its busy handler, when another process holds the
 * write lock meanwhile (waiting could deadlock) — as when two instances open a fresh store
 * together. So the switch is retried, for as long as any statement would wait for a lock.
 */
async function switchToWal(database: BetterSqlite3.Database): Promise<void> {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      await sleep(20 + Math.random() * 30);
    }
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof BetterSqlite3.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

/** The PostgreSQL driver is loaded only when it is used: the embedded store starts without it. */
async function openPostgres(
  url: string,
  options: OpenDatabaseOptions,
): Promise<Omit<DatabaseHandle, 'appliedMigrations'>> {
  const { default: pg } = await import('pg');
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  }
  const connection: PoolConfig = {
    connectionString: withDefaultUser(url),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: options.pgPoolSize ?? 10 });
  // An idle client losing its connection (database restart) must not crash the server; the pool reconnects.
  pool.on('error', (error) => options.onIdleClientError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safeUrl = new URL(url);
  safeUrl.password = '';
  return { db, dialect: 'postgres', location: safeUrl.toString(), pgConnection: connection, close: () => db.destroy() };
}

/** Like libpq (psql), falls back to the OS user when the URL names none; node-pg would rely on $USER. */
export function withDefaultUser(url: string): string {
  const parsedUrl = new URL(url);
  if (!parsedUrl.username) parsedUrl.username = userInfo().username;
  return parsedUrl.toString();
}
