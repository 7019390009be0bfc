import type { Migration } from '../storage/migrations/registry.js';

/** Handoff sessions (queue and live agent state) and agents' presence. */
export const handoffMigration: Migration = {
  id: 101,
  name: '101_handoff',
  async up(db) {
    await db.schema
      .createTable('handoff_sessions')
      .addColumn('conversation_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('ticket_number', 'varchar(32)')
      .addColumn('reason', 'varchar(32)')
      .addColumn('agent_login', 'varchar(64)')
      .addColumn('queued_at', 'varchar(32)')
      .addColumn('accepted_at', 'varchar(32)')
      .addColumn('resolved_at', 'varchar(32)')
      .addColumn('awaiting_rating', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('handoff_sessions_state_idx')
      .on('handoff_sessions')
      .columns(['state', 'queued_at'])
      .execute();
    await db.schema
      .createTable('agent_presence')
      .addColumn('login', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('last_seen', 'varchar(32)', (c) => c.notNull())
      .execute();
  },
};

/**
 * Issue 10: the customer's presence while queued. `customer_gone_at`: when their last chat
 * stream closed (null while connected); `away_at`: when the queue marked them away.
 */
export const handoffPresenceMigration: Migration = {
  id: 251,
  name: '251_handoff_presence',
  async up(db) {
    await db.schema.alterTable('handoff_sessions').addColumn('customer_gone_at', 'varchar(32)').execute();
    await db.schema.alterTable('handoff_sessions').addColumn('away_at', 'varchar(32)').execute();
  },
};
