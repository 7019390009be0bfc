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
    await db.schema
      .createIndex('tickets_idempotency_key_idx')
      .on('tickets')
      .column('idempotency_key')
      .unique()
      .execute();
  },
};

/**
 * Issue 10: who may read a note. Agents' comments become internal or customer-visible; a state
 * change's note likewise. Customers', the bot's and the system's notes stay visible as before;
 * notes agents wrote on state changes become internal, as the console labelled them so.
 */
export const noteVisibilityMigration: Migration = {
  id: 250,
  name: '250_note_visibility',
  async up(db) {
    await db.schema
      .alterTable('ticket_comments')
      .addColumn('visibility', 'varchar(16)', (c) => c.notNull().defaultTo('internal'))
      .execute();
    await db.schema
      .alterTable('ticket_history')
      .addColumn('note_visibility', 'varchar(16)', (c) => c.notNull().defaultTo('customer'))
      .execute();
    await db
      .updateTable('ticket_history')
      .set({ note_visibility: 'internal' })
      .where('actor', 'like', 'agent:%')
      .execute();
  },
};
