import { sql, type Kysely, type Transaction } from 'kysely';
import type { DialectName } from './dialect.js';

/**
 * Runs `work` in a transaction whose commit survives a power cut, not only a crash.
 *
 * The embedded store runs with synchronous=NORMAL: in WAL mode every commit survives the
 * process being killed, and an fsync per commit (1.4 ms here, several per chat turn) would
 * cost most of a turn. A power cut can then lose the last moments' chat lines and bot state.
 * What customers are promised (a ticket number, a state change) commits with FULL instead,
 * which also makes every earlier commit durable. SQLite forbids changing the level inside a
 * transaction, so it is set around one, on the single connection that runs it. PostgreSQL
 * commits durably anyway.
 */
export async function durableTransaction<DB, T>(
  db: Kysely<DB>,
  dialect: DialectName,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  if (dialect !== 'sqlite') return db.transaction().execute(work);
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = FULL`.execute(connection);
    try {
      return await connection.transaction().execute(work);
    } finally {
      await sql`pragma synchronous = NORMAL`.execute(connection);
    }
  });
}
