import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { activityId, dlActivitySchema, type DlActivity, type NewActivity } from './activity.js';
import type { DirectLineTables } from './tables.js';

export interface DlConversation {
  id: string;
  userId: string;
  lastSeq: number;
  welcomed: boolean;
  createdAt: string;
}

export interface ActivitySet {
  activities: DlActivity[];
  watermark: string;
}

/** Makes an opaque id that is safe in URLs and activity ids. */
export function newId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The persisted Direct Line log: conversations and their ordered activities. Every instance
 * reads and writes here, so a conversation survives restarts and is shared across instances.
 */
export class ConversationStore {
  private readonly db: Kysely<Database & DirectLineTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<DirectLineTables>();
  }

  /** Starts a conversation for a user and returns it. */
  async create(userId: string): Promise<DlConversation> {
    const now = new Date().toISOString();
    const id = newId(12);
    await this.db
      .insertInto('dl_conversations')
      .values({ id, user_id: userId, last_seq: 0, welcomed: 0, turn_lease_until: null, created_at: now, updated_at: now })
      .execute();
    return { id, userId, lastSeq: 0, welcomed: false, createdAt: now };
  }

  /** The conversation, or undefined when it does not exist. */
  async get(id: string): Promise<DlConversation | undefined> {
    const row = await this.db.selectFrom('dl_conversations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { id: row.id, userId: row.user_id, lastSeq: Number(row.last_seq), welcomed: Number(row.welcomed) === 1, createdAt: row.created_at };
  }

  /**
   * Appends activities in order and returns them with ids and timestamps. The sequence bump
   * and the inserts share one transaction holding the conversation row, so two instances
   * writing to one conversation never hand out the same watermark or commit out of order.
   */
  async append(conversationId: string, activities: NewActivity[]): Promise<DlActivity[]> {
    if (activities.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable('dl_conversations')
        .set((eb) => ({ last_seq: eb('last_seq', '+', activities.length), updated_at: new Date().toISOString() }))
        .where('id', '=', conversationId)
        .returning('last_seq')
        .executeTakeFirst();
      if (!bumped) throw new Error(`Direct Line conversation ${conversationId} does not exist`);
      const first = Number(bumped.last_seq) - activities.length + 1;
      const stored = activities.map((activity, index): DlActivity => {
        const seq = first + index;
        const timestamp = new Date().toISOString();
        return { ...activity, id: activityId(conversationId, seq), timestamp, conversation: { id: conversationId } };
      });
      await trx
        .insertInto('dl_activities')
        .values(stored.map((activity, index) => ({ conversation_id: conversationId, seq: first + index, activity: JSON.stringify(activity), at: String(activity.timestamp) })))
        .execute();
      return stored;
    });
  }

  /** Activities after a watermark, oldest first, with the watermark to ask from next time. */
  async after(conversationId: string, watermark: number, limit = 500): Promise<ActivitySet> {
    const rows = await this.db
      .selectFrom('dl_activities')
      .select(['seq', 'activity'])
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', watermark)
      .orderBy('seq')
      .limit(limit)
      .execute();
    const activities = rows.flatMap((row) => {
      const parsed = dlActivitySchema.safeParse(JSON.parse(row.activity));
      return parsed.success ? [parsed.data] : [];
    });
    const last = rows.at(-1);
    return { activities, watermark: String(last ? Number(last.seq) : watermark) };
  }

  /**
   * Takes the conversation's turn lease if it is free or lapsed (a crashed instance's lease
   * lapses after `ms`). Returns the lease (its expiry) when this caller now holds it.
   */
  async tryLease(conversationId: string, ms: number): Promise<string | undefined> {
    const now = new Date();
    const until = new Date(now.getTime() + ms).toISOString();
    const result = await this.db
      .updateTable('dl_conversations')
      .set({ turn_lease_until: until })
      .where('id', '=', conversationId)
      .where((eb) => eb.or([eb('turn_lease_until', 'is', null), eb('turn_lease_until', '<', now.toISOString())]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? until : undefined;
  }

  /** Gives the lease back (only if it is still the one this caller took). */
  async releaseLease(conversationId: string, lease: string): Promise<void> {
    await this.db.updateTable('dl_conversations').set({ turn_lease_until: null }).where('id', '=', conversationId).where('turn_lease_until', '=', lease).execute();
  }

  /** Marks the welcome as delivered; true only for the one caller that flipped the flag. */
  async claimWelcome(conversationId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('dl_conversations')
      .set({ welcomed: 1 })
      .where('id', '=', conversationId)
      .where('welcomed', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
