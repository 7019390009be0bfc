import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** What a limit allows: `points` per `durationSeconds` for each key. */
export interface LimitSpec {
  points: number;
  durationSeconds: number;
  /** Once spent, the key stays refused this long (default: until the window ends). */
  blockSeconds?: number;
}

export type LimitResult =
  { allowed: true; consumed: number } | { allowed: false; consumed: number; retryAfterMs: number };

/** One named budget, counted per key (an address, a conversation, a ticket number...). */
export interface Limiter {
  readonly spec: LimitSpec;
  /** Counts one against the key; refused once the budget is spent (refusals count too). */
  consume(key: string): Promise<LimitResult>;
  /** How much of the key's budget is used now, without counting. */
  used(key: string): Promise<{ consumed: number; msBeforeReset: number }>;
  /** Refuses the key for `seconds` from now. */
  block(key: string, seconds: number): Promise<void>;
  /** Forgets the key (e.g. after a successful login). */
  reset(key: string): Promise<void>;
}

/** Makes limiters on one store. */
export interface LimiterStore {
  limiter(name: string, spec: LimitSpec): Limiter;
  close(): Promise<void>;
}

/** The table every PostgreSQL limiter shares (src/limits migration 203); keys carry the limiter's name. */
export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * Limiters from rate-limiter-flexible: on PostgreSQL when instances share it (so a limit holds
 * across them), in memory on the embedded single-process store. A PostgreSQL limiter falls
 * back to a memory one of the same spec while the database does not answer.
 */
export function createLimiterStore(pgConnection: pg.PoolConfig | undefined): LimiterStore {
  const pool = pgConnection ? new pg.Pool({ ...pgConnection, max: 4 }) : undefined;
  // An idle connection dropping must not end the process; the pool reconnects.
  pool?.on('error', () => undefined);
  return {
    limiter(name, spec) {
      const options = {
        keyPrefix: name,
        points: spec.points,
        duration: spec.durationSeconds,
        blockDuration: spec.blockSeconds ?? 0,
      };
      if (!pool) return new RflexLimiter(new RateLimiterMemory(options), spec);
      const store = new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: true,
        insuranceLimiter: new RateLimiterMemory(options),
      });
      return new RflexLimiter(store, spec);
    },
    async close() {
      await pool?.end();
    },
  };
}

class RflexLimiter implements Limiter {
  constructor(
    private readonly inner: RateLimiterAbstract,
    readonly spec: LimitSpec,
  ) {}

  async consume(key: string): Promise<LimitResult> {
    try {
      const res = await this.inner.consume(storeKey(key));
      return { allowed: true, consumed: res.consumedPoints };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, consumed: refusal.consumedPoints, retryAfterMs: refusal.msBeforeNext };
    }
  }

  async used(key: string): Promise<{ consumed: number; msBeforeReset: number }> {
    const res = await this.inner.get(storeKey(key));
    return res
      ? { consumed: res.consumedPoints, msBeforeReset: Math.max(0, res.msBeforeNext) }
      : { consumed: 0, msBeforeReset: 0 };
  }

  async block(key: string, seconds: number): Promise<void> {
    await this.inner.block(storeKey(key), seconds);
  }

  async reset(key: string): Promise<void> {
    await this.inner.delete(storeKey(key));
  }
}

/** Keys go into a varchar(255) column: long ones (conversation ids may be 256 characters) are hashed. */
function storeKey(key: string): string {
  return key.length <= 128 ? key : createHash('sha256').update(key).digest('base64url');
}
