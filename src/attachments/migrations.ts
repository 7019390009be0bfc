import type { Migration } from '../storage/migrations/registry.js';

/**
 * Attachments (issue 14): one row per file a conversation received, unique per conversation and
 * content, and the content store PostgreSQL deployments use (chunks, so no value is ever one
 * whole file in memory). The embedded store keeps bytes as files and leaves the last two empty.
 */
export const attachmentsMigration: Migration = {
  id: 220,
  name: '220_attachments',
  async up(db, dialect) {
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('type', 'varchar(100)', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('uploader', 'varchar(200)', (c) => c.notNull())
      .addColumn('conversation_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('ticket_number', 'varchar(32)')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('attachments_conversation_content', ['conversation_id', 'sha256'])
      .execute();
    await db.schema.createIndex('attachments_ticket_idx').on('attachments').column('ticket_number').execute();
    await db.schema
      .createTable('attachment_blobs')
      .addColumn('sha256', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('chunks', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('attachment_chunks')
      .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('attachment_chunks_pk', ['sha256', 'seq'])
      .execute();
  },
};
