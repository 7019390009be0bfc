import type { Migration } from '../storage/migrations/registry.js';

/** Direct Line conversations and their activity log (watermark = seq). */
export const directLineMigration: Migration = {
  id: 100,
  name: '100_directline',
  async up(db) {
    await db.schema
      .createTable('dl_conversations')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(128)', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addColumn('welcomed', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('dl_activities')
      .addColumn('conversation_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('activity', 'text', (c) => c.notNull())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('dl_activities_pk', ['conversation_id', 'seq'])
      .execute();
  },
};

/** A per-conversation turn lease, so two instances never run the bot on one conversation at once. */
export const directLineTurnLeaseMigration: Migration = {
  id: 102,
  name: '102_directline_turn_lease',
  async up(db) {
    await db.schema.alterTable('dl_conversations').addColumn('turn_lease_until', 'varchar(32)').execute();
  },
};

/**
 * Exactly-once customer turns: a resent activity (same clientActivityID) is found instead of
 * logged twice, and a customer's activity stays 'pending' until its turn's replies are logged in
 * the same transaction, so a turn cut short by a crash is run again, never twice.
 */
export const directLineInboundTurnsMigration: Migration = {
  id: 202,
  name: '202_directline_inbound_turns',
  async up(db) {
    await db.schema.alterTable('dl_activities').addColumn('client_activity_id', 'varchar(128)').execute();
    await db.schema.alterTable('dl_activities').addColumn('turn_state', 'varchar(8)').execute();
    await db.schema
      .createIndex('dl_activities_client_id_idx')
      .on('dl_activities')
      .columns(['conversation_id', 'client_activity_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('dl_activities_turn_state_idx')
      .on('dl_activities')
      .columns(['turn_state', 'at'])
      .execute();
  },
};
