import type { Migration } from './registry.js';

/** Bot Framework conversation and user state, one JSON document per storage key. */
export const botStateMigration: Migration = {
  id: 1,
  name: '001_bot_state',
  async up(db) {
    await db.schema
      .createTable('bot_state')
      .addColumn('key', 'varchar(1024)', (c) => c.primaryKey())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('etag', 'varchar(64)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('settings')
      .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};
