import { registerMigrations, type Migration } from '../storage/migrations/registry.js';

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

registerMigrations(directLineMigration, directLineTurnLeaseMigration);
