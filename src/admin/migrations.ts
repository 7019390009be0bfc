import { withIdColumn } from '../storage/dialect.js';
import type { Migration } from '../storage/migrations/registry.js';

/** One row per customer message with its outcome, intent and cited clauses, for the lead's reports. */
export const turnOutcomesMigration: Migration = {
  id: 241,
  name: '241_turn_outcomes',
  async up(db, dialect) {
    await withIdColumn(db.schema.createTable('turn_outcomes'), dialect)
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('conversation_id', 'varchar(128)', (c) => c.notNull())
      .addColumn('intent', 'varchar(32)', (c) => c.notNull())
      .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
      .addColumn('cited', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('turn_outcomes_at').on('turn_outcomes').column('at').execute();
  },
};

/** The lead's changes: accepted wordings and out-of-scope examples, decisions on logged questions, an audit log. */
export const knowledgeReviewMigration: Migration = {
  id: 242,
  name: '242_knowledge_review',
  async up(db, dialect) {
    await withIdColumn(db.schema.createTable('knowledge_entries'), dialect)
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('policy', 'varchar(32)')
      .addColumn('clause', 'text')
      .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('unanswered_reviews')
      .addColumn('question_id', 'integer', (c) => c.primaryKey())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('by', 'varchar(64)', (c) => c.notNull())
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await withIdColumn(db.schema.createTable('admin_audit'), dialect)
      .addColumn('at', 'varchar(32)', (c) => c.notNull())
      .addColumn('actor', 'varchar(64)', (c) => c.notNull())
      .addColumn('action', 'varchar(32)', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
  },
};
