import { withIdColumn } from '../dialect.js';
import type { Migration } from './registry.js';

/** Tickets with their per-day numbering, transcript, state history and comments. */
export const ticketsMigration: Migration = {
  id: 2,
  name: '002_tickets',
  async up(db, dialect) {
    await db.schema
      .createTable('ticket_counters')
      .addColumn('day', 'varchar(8)', (c) => c.primaryKey())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .execute();
    await withIdColumn(db.schema.createTable('tickets'), dialect)
      .addColumn('number', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('policy', 'varchar(64)', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('origin', 'varchar(32)', (c) => c.notNull())
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('coverage', 'text')
      .addColumn('conversation_id', 'varchar(256)')
      .addColumn('phone_last4', 'varchar(4)')
      .addColumn('rating', 'integer')
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tickets_state_idx').on('tickets').columns(['state', 'created_at']).execute();
    await db.schema.createIndex('tickets_conversation_idx').on('tickets').column('conversation_id').execute();
    for (const [table, columns] of [
      ['ticket_transcript', ['sender', 'text', 'at']],
      ['ticket_history', ['from_state', 'to_state', 'actor', 'note', 'at']],
      ['ticket_comments', ['author', 'text', 'at']],
    ] as const) {
      let builder = withIdColumn(db.schema.createTable(table), dialect).addColumn('ticket_id', 'integer', (c) =>
        c.notNull().references('tickets.id').onDelete('cascade'),
      );
      for (const column of columns) {
        const nullable = column === 'from_state' || column === 'note';
        builder = builder.addColumn(column, column === 'at' ? 'varchar(32)' : 'text', (c) =>
          nullable ? c : c.notNull(),
        );
      }
      await builder.execute();
      await db.schema.createIndex(`${table}_ticket_idx`).on(table).columns(['ticket_id', 'id']).execute();
    }
  },
};
