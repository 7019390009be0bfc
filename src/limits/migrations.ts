import type { Migration } from '../storage/migrations/registry.js';
import { RATE_LIMIT_TABLE } from './limiter.js';

/**
 * The table rate-limiter-flexible's PostgreSQL limiters share (its own layout), created here so
 * no limiter races to create it. The embedded store counts in memory and leaves it empty.
 */
export const rateLimitsMigration: Migration = {
  id: 203,
  name: '203_rate_limits',
  async up(db) {
    await db.schema
      .createTable(RATE_LIMIT_TABLE)
      .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expire', 'bigint')
      .execute();
  },
};
