import { withIdColumn } from '../dialect.js';
import type { Migration } from './registry.js';

/** Human agents who log in to the tickets API and the console. */
export const agentsMigration: Migration = {
  id: 3,
  name: '003_agents',
  async up(db, dialect) {
    await withIdColumn(db.schema.createTable('agents'), dialect)
      .addColumn('login', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
  },
};
