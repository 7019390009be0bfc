import pg from 'pg';
import { KeyedQueue, type TurnLocks } from './turnLocks.js';

/** First key of every turn lock ('turn'), so they never meet other advisory locks. */
export const LOCK_CLASS = 0x7475726e;
const POLL_MS = 25;

export interface PgTurnLocksOptions {
  /** Most turns holding a lock at once; more wait for a connection. */
  maxHeld?: number;
  /** After this long waiting for another instance, the turn runs anyway (state saves are compare-and-set). */
  waitMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Turn locks across instances sharing PostgreSQL: a session advisory lock per conversation,
 * held on a connection of its own for the length of the turn. When an instance dies, the
 * database ends its session and the lock is free at once, so a retry after a crash waits for
 * nothing (a lease with a timeout would make it wait out the timeout).
 */
export class PgTurnLocks implements TurnLocks {
  private readonly queue = new KeyedQueue();
  private readonly pool: pg.Pool;
  private readonly connection: pg.PoolConfig;

  constructor(
    connection: pg.PoolConfig,
    private readonly options: PgTurnLocksOptions = {},
  ) {
    this.pool = new pg.Pool({ ...connection, max: options.maxHeld ?? 20 });
    this.pool.on('error', (error) => options.onError?.(error));
    this.connection = connection;
  }

  withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    // One waiter per conversation per instance: the rest queue here, holding no connection.
    return this.queue.run(key, () => this.holding(key, task));
  }

  private async holding<T>(key: string, task: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client whose connection drops emits 'error'; unheard, it would end the process.
    const onError = (error: Error) => this.options.onError?.(error);
    client.on('error', onError);
    const lockKey = lockKeyText(this.connection, key);
    let locked = false;
    let broken: Error | undefined;
    try {
      const deadline = Date.now() + (this.options.waitMs ?? 10_000);
      for (;;) {
        const result = await client.query<{ locked: boolean }>(
          'select pg_try_advisory_lock($1, hashtext($2)) as locked',
          [LOCK_CLASS, lockKey],
        );
        locked = result.rows[0]?.locked === true;
        if (locked || Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      if (!locked)
        this.options.onError?.(new Error(`turn lock ${key} still held elsewhere; running the turn without it`));
      return await task();
    } finally {
      if (locked) {
        await client
          .query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, lockKey])
          .catch((error: Error) => (broken = error));
      }
      client.off('error', onError);
      // A connection that failed to unlock is dropped: closing its session frees the lock.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * The text whose hash is a conversation's lock (second key). It includes the connection's
 * options (search_path): test schemas sharing one database keep their locks apart.
 */
export function lockKeyText(connection: pg.PoolConfig, key: string): string {
  return `${typeof connection.options === 'string' ? connection.options : ''}\u001f${key}`;
}
