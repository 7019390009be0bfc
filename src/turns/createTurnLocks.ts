import type { DatabaseHandle } from '../storage/openDatabase.js';
import { PgTurnLocks } from './pgTurnLocks.js';
import { InProcessTurnLocks, type TurnLocks } from './turnLocks.js';

/** Advisory locks when instances share PostgreSQL; a chain per conversation on the embedded store. */
export function createTurnLocks(
  database: Pick<DatabaseHandle, 'pgConnection'>,
  onError?: (error: unknown) => void,
): TurnLocks {
  return database.pgConnection ? new PgTurnLocks(database.pgConnection, { onError }) : new InProcessTurnLocks();
}
