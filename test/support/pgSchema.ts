import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDefaultUser } from '../../src/storage/openDatabase.js';

/** The test database PostgreSQL tests use (trust auth on loopback). */
export const TEST_PG_URL = 'postgres://127.0.0.1:5432/test';

/** A fresh PostgreSQL schema of the test database for one test file, and the URL that uses it. */
export interface TestSchema {
  name: string;
  /** The test database with `search_path` set to this schema, as DATABASE_URL. */
  databaseUrl: string;
  create(): Promise<void>;
  drop(): Promise<void>;
}

async function run(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(TEST_PG_URL) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A schema named `<prefix>_<time>_<random>`, so runs and files never share tables. */
export function testSchema(prefix: string): TestSchema {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return {
    name,
    databaseUrl: `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${name}`)}`,
    create: () => run(`create schema ${name}`),
    drop: () => run(`drop schema if exists ${name} cascade`),
  };
}

/** The secrets several instances of one deployment share (the README asks them to be set in the environment). */
export function sharedSecrets(): { DIRECTLINE_SECRET: string; TOKEN_SECRET: string } {
  return {
    DIRECTLINE_SECRET: `dl-${randomBytes(16).toString('hex')}`,
    TOKEN_SECRET: `tk-${randomBytes(16).toString('hex')}`,
  };
}
