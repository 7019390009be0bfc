import { withIdColumn } from '../storage/dialect.js';
import type { Migration } from '../storage/migrations/registry.js';

/** The unanswered-questions log: what the bot abstained on, answered unsurely, or took as out of scope. */
export const unansweredMigration: Migration = {
  id: 230,
  name: '230_unanswered_questions',
  async up(db, dialect) {
    await withIdColumn(db.schema.createTable('unanswered_questions'), dialect)
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('conversation_id', 'varchar(128)', (c) => c.notNull())
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('intent', 'varchar(32)', (c) => c.notNull())
      .addColumn('confidence', 'real', (c) => c.notNull())
      .addColumn('candidates', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('unanswered_questions_at').on('unanswered_questions').column('at').execute();
  },
};
