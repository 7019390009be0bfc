import type { Migration } from '../storage/migrations/registry.js';

/**
 * A ticket may carry the idempotency key of what created it (one repair form, one handoff
 * request), unique, so a retried creation finds the ticket instead of opening a second one.
 * Numbers carry a random part from now on; the per-day counters stay for old data only.
 */
export const ticketIdempotencyMigration: Migration = {
  id: 200,
  name: '200_ticket_idempotency_key',
  async up(db) {
    await db.schema.alterTable('tickets').addColumn('idempotency_key', 'varchar(64)').execute();
    await db.schema.createIndex('tickets_idempotency_key_idx').on('tickets').column('idempotency_key').unique().execute();
  },
};
