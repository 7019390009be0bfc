import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { AttachmentTables, AttachmentsTable } from './tables.js';

/** One file a conversation received. */
export interface AttachmentRecord {
  id: string;
  sha256: string;
  name: string;
  type: string;
  size: number;
  /** 'customer:<user id>' or 'agent:<login>'. */
  uploader: string;
  conversationId: string;
  ticketNumber: string | null;
  createdAt: string;
}

export type NewAttachment = Omit<AttachmentRecord, 'id' | 'createdAt'>;

/** Attachment ids: 128 random bits, URL-safe, unguessable. */
export const attachmentIdPattern = /^[A-Za-z0-9_-]{22}$/;

function toRecord(row: AttachmentsTable): AttachmentRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    name: row.name,
    type: row.type,
    size: Number(row.size),
    uploader: row.uploader,
    conversationId: row.conversation_id,
    ticketNumber: row.ticket_number,
    createdAt: row.created_at,
  };
}

/** The attachments table: who sent which file in which conversation, and the ticket it joined. */
export class AttachmentRecords {
  private readonly db: Kysely<Database & AttachmentTables>;
  /** The last time stamped on a record here; see stamp(). */
  private lastStamp = 0;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = db.withTables<AttachmentTables>();
  }

  /**
   * Records a file; the same content again in one conversation is the record it already has (a
   * ticket given now is set if it had none).
   */
  async save(input: NewAttachment): Promise<AttachmentRecord> {
    const id = randomBytes(16).toString('base64url');
    await this.db
      .insertInto('attachments')
      .values({
        id,
        sha256: input.sha256,
        name: input.name,
        type: input.type,
        size: input.size,
        uploader: input.uploader,
        conversation_id: input.conversationId,
        ticket_number: input.ticketNumber,
        created_at: this.stamp(),
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'sha256']).doNothing())
      .execute();
    if (input.ticketNumber) {
      await this.db
        .updateTable('attachments')
        .set({ ticket_number: input.ticketNumber })
        .where('conversation_id', '=', input.conversationId)
        .where('sha256', '=', input.sha256)
        .where('ticket_number', 'is', null)
        .execute();
    }
    const row = await this.db
      .selectFrom('attachments')
      .selectAll()
      .where('conversation_id', '=', input.conversationId)
      .where('sha256', '=', input.sha256)
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /**
   * The record's creation time, strictly later than the one before it: the files of one upload
   * are saved within a millisecond, and a ticket lists its files by this time, so they keep the
   * order the customer sent them in (ids are random and would break ties at random).
   */
  private stamp(): string {
    this.lastStamp = Math.max(this.now().getTime(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }

  async get(id: string): Promise<AttachmentRecord | undefined> {
    if (!attachmentIdPattern.test(id)) return undefined;
    const row = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Those of `ids` that belong to the conversation, in the order given (others are ignored). */
  async inConversation(conversationId: string, ids: readonly string[]): Promise<AttachmentRecord[]> {
    const wanted = [...new Set(ids)].filter((id) => attachmentIdPattern.test(id)).slice(0, 50);
    if (wanted.length === 0) return [];
    const rows = await this.db
      .selectFrom('attachments')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('id', 'in', wanted)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  /** Puts the customer's files of a conversation that are on no ticket onto `ticketNumber`; returns how many. */
  async linkLoose(conversationId: string, ticketNumber: string): Promise<number> {
    const result = await this.db
      .updateTable('attachments')
      .set({ ticket_number: ticketNumber })
      .where('conversation_id', '=', conversationId)
      .where('ticket_number', 'is', null)
      .where('uploader', 'like', 'customer:%')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
