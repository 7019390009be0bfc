import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
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

/** A customer's activity as logged: the echo, its place, and whether its turn still has to run. */
export interface InboundActivity {
  echo: DlActivity;
  seq: number;
  turn: 'pending' | 'done';
  /** True when the client had sent it before (same clientActivityID) and this is the first one. */
  duplicate: boolean;
}

/** A customer's activity whose turn has not finished (its process may have died). */
export interface PendingTurn {
  conversationId: string;
  seq: number;
  echo: DlActivity;
}

type Db = Kysely<Database & DirectLineTables>;
type Trx = Transaction<Database & DirectLineTables>;

/** Makes an opaque id that is safe in URLs and activity ids. */
export function newId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The persisted Direct Line log: conversations and their ordered activities. Every instance
 * reads and writes here, so a conversation survives restarts and is shared across instances.
 */
export class ConversationStore {
  private readonly db: Db;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<DirectLineTables>();
  }

  /** Starts a conversation for a user and returns it. */
  async create(userId: string): Promise<DlConversation> {
    const now = new Date().toISOString();
    const id = newId(12);
    await this.db
      .insertInto('dl_conversations')
      .values({
        id,
        user_id: userId,
        last_seq: 0,
        welcomed: 0,
        turn_lease_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { id, userId, lastSeq: 0, welcomed: false, createdAt: now };
  }

  /** The conversation, or undefined when it does not exist. */
  async get(id: string): Promise<DlConversation | undefined> {
    const row = await this.db.selectFrom('dl_conversations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      lastSeq: Number(row.last_seq),
      welcomed: Number(row.welcomed) === 1,
      createdAt: row.created_at,
    };
  }

  /**
   * Appends activities in order and returns them with ids and timestamps. The sequence bump
   * and the inserts share one transaction holding the conversation row, so two instances
   * writing to one conversation never hand out the same watermark or commit out of order.
   */
  async append(conversationId: string, activities: NewActivity[]): Promise<DlActivity[]> {
    if (activities.length === 0) return [];
    return this.db.transaction().execute((trx) => appendIn(trx, conversationId, activities));
  }

  /**
   * Logs a customer's activity with its turn pending. A resend with the same clientActivityID
   * (a client retrying a post whose answer it never got) returns the first one instead.
   */
  async appendInbound(
    conversationId: string,
    activity: NewActivity,
    clientActivityId?: string,
  ): Promise<InboundActivity> {
    return this.db.transaction().execute(async (trx) => {
      // Hold the conversation row first, so a racing resend waits here and then finds this one.
      await lockConversation(trx, conversationId);
      if (clientActivityId) {
        const first = await trx
          .selectFrom('dl_activities')
          .select(['seq', 'activity', 'turn_state'])
          .where('conversation_id', '=', conversationId)
          .where('client_activity_id', '=', clientActivityId)
          .executeTakeFirst();
        const echo = first ? parseActivity(first.activity) : undefined;
        if (first && echo)
          return {
            echo,
            seq: Number(first.seq),
            turn: first.turn_state === 'pending' ? 'pending' : 'done',
            duplicate: true,
          };
      }
      const [echo] = await appendIn(trx, conversationId, [activity], {
        clientActivityId: clientActivityId ?? null,
        turnState: 'pending',
      });
      if (!echo) throw new Error('append returned nothing');
      return { echo, seq: seqOf(echo), turn: 'pending', duplicate: false };
    });
  }

  /**
   * Logs a customer activity's replies and marks its turn done, in one transaction. When the
   * turn is already done (another instance finished it first) nothing is logged and [] returned.
   */
  async completeTurn(conversationId: string, seq: number, replies: NewActivity[]): Promise<DlActivity[]> {
    return this.db.transaction().execute(async (trx) => {
      await lockConversation(trx, conversationId);
      const marked = await trx
        .updateTable('dl_activities')
        .set({ turn_state: 'done' })
        .where('conversation_id', '=', conversationId)
        .where('seq', '=', seq)
        .where('turn_state', '=', 'pending')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0 || replies.length === 0) return [];
      return appendIn(trx, conversationId, replies);
    });
  }

  /** Whether a customer activity's turn still has to run. */
  async turnPending(conversationId: string, seq: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('dl_activities')
      .select('turn_state')
      .where('conversation_id', '=', conversationId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row?.turn_state === 'pending';
  }

  /** Customer activities logged before `before` whose turns never finished, oldest conversation first. */
  async pendingTurns(before: Date, limit = 200): Promise<PendingTurn[]> {
    const rows = await this.db
      .selectFrom('dl_activities')
      .select(['conversation_id', 'seq', 'activity'])
      .where('turn_state', '=', 'pending')
      .where('at', '<', before.toISOString())
      .orderBy('conversation_id')
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.flatMap((row) => {
      const echo = parseActivity(row.activity);
      return echo ? [{ conversationId: row.conversation_id, seq: Number(row.seq), echo }] : [];
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
    const activities = rows.flatMap((row) => parseActivity(row.activity) ?? []);
    const last = rows.at(-1);
    return { activities, watermark: String(last ? Number(last.seq) : watermark) };
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

/** Takes the conversation row's write lock (PostgreSQL row lock; SQLite has a single writer). */
async function lockConversation(trx: Trx, conversationId: string): Promise<void> {
  const touched = await trx
    .updateTable('dl_conversations')
    .set({ updated_at: new Date().toISOString() })
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (Number(touched.numUpdatedRows) === 0)
    throw new Error(`Direct Line conversation ${conversationId} does not exist`);
}

/** Appends inside a transaction: bumps the sequence (locking the row) and inserts in order. */
async function appendIn(
  trx: Trx,
  conversationId: string,
  activities: NewActivity[],
  inbound?: { clientActivityId: string | null; turnState: 'pending' },
): Promise<DlActivity[]> {
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
    .values(
      stored.map((activity, index) => ({
        conversation_id: conversationId,
        seq: first + index,
        activity: JSON.stringify(activity),
        at: String(activity.timestamp),
        client_activity_id: inbound?.clientActivityId ?? null,
        turn_state: inbound?.turnState ?? null,
      })),
    )
    .execute();
  return stored;
}

function parseActivity(text: string): DlActivity | undefined {
  const parsed = dlActivitySchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

/** The sequence number in an activity id made by activityId(). */
function seqOf(activity: DlActivity): number {
  return Number(activity.id.slice(activity.id.lastIndexOf('|') + 1));
}
