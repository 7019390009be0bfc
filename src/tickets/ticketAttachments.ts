import type { Kysely, Transaction } from 'kysely';
import type { AttachmentTables } from '../attachments/tables.js';
import type { Database } from '../storage/schema.js';
import type { TicketAttachment } from './ticketSchemas.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The files on a ticket (the attachments table of issue 14), oldest first. */
export async function attachmentsOfTicket(db: Db, number: string): Promise<TicketAttachment[]> {
  const rows = await db
    .withTables<AttachmentTables>()
    .selectFrom('attachments')
    .select(['id', 'name', 'type', 'size'])
    .where('ticket_number', '=', number)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, type: r.type, size: Number(r.size) }));
}

/**
 * Puts files on a ticket: only files of the ticket's own conversation that are on no ticket yet.
 * Returns how many joined.
 */
export async function linkAttachments(
  db: Db,
  number: string,
  conversationId: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .withTables<AttachmentTables>()
    .updateTable('attachments')
    .set({ ticket_number: number })
    .where('id', 'in', [...ids])
    .where('conversation_id', '=', conversationId)
    .where('ticket_number', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
