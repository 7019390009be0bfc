import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Database } from '../storage/schema.js';
import type { HandoffSessionsTable, HandoffTables } from './tables.js';

export const handoffStateSchema = z.enum(['bot', 'queued', 'agent', 'resolved']);
export type HandoffState = z.infer<typeof handoffStateSchema>;

export interface HandoffSession {
  conversationId: string;
  state: HandoffState;
  ticketNumber: string | null;
  reason: string | null;
  agentLogin: string | null;
  queuedAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  awaitingRating: boolean;
  /** When the customer's chat connection went (null while connected or unknown). */
  customerGoneAt: string | null;
  /** When the queue marked the customer away (they do not count in others' positions). */
  awayAt: string | null;
}

/** Agents count as online while their console heartbeats within this window. */
export const PRESENCE_WINDOW_MS = 60_000;

/**
 * Persisted handoff state: who has each conversation and the queue. All routing decisions
 * read from here, so any instance can serve the customer or the agent.
 */
export class HandoffStore {
  private readonly db: Kysely<Database & HandoffTables>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = db.withTables<HandoffTables>();
  }

  async get(conversationId: string): Promise<HandoffSession | undefined> {
    const row = await this.db
      .selectFrom('handoff_sessions')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return row ? toSession(row) : undefined;
  }

  /** Puts the conversation in the queue (keeps its place if already queued, keeps an agent who has it). */
  async enqueue(conversationId: string, ticketNumber: string, reason: string): Promise<HandoffSession> {
    const at = this.now().toISOString();
    const existing = await this.get(conversationId);
    // A fresh place in the queue: no agent, no rating pending, present.
    const queued = {
      state: 'queued',
      ticket_number: ticketNumber,
      reason,
      agent_login: null,
      queued_at: at,
      accepted_at: null,
      resolved_at: null,
      awaiting_rating: 0,
      updated_at: at,
      customer_gone_at: null,
      away_at: null,
    };
    if (!existing) {
      await this.db
        .insertInto('handoff_sessions')
        .values({ conversation_id: conversationId, ...queued })
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .execute();
    } else if (existing.state === 'bot' || existing.state === 'resolved') {
      await this.db
        .updateTable('handoff_sessions')
        .set(queued)
        .where('conversation_id', '=', conversationId)
        .where('state', 'in', ['bot', 'resolved'])
        .execute();
    } else {
      await this.db
        .updateTable('handoff_sessions')
        .set({ ticket_number: ticketNumber, updated_at: at })
        .where('conversation_id', '=', conversationId)
        .execute();
    }
    const session = await this.get(conversationId);
    if (!session) throw new Error(`handoff session ${conversationId} vanished`);
    return session;
  }

  /** 1-based place in the queue (oldest first) among customers who are present, or 0 when not queued. */
  async position(session: HandoffSession): Promise<number> {
    if (session.state !== 'queued' || !session.queuedAt) return 0;
    const ahead = await this.db
      .selectFrom('handoff_sessions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', '=', 'queued')
      .where('away_at', 'is', null)
      .where('queued_at', '<', session.queuedAt)
      .executeTakeFirstOrThrow();
    return Number(ahead.n) + 1;
  }

  /** How many conversations wait for an agent, and since when the longest has waited. */
  async queueStats(): Promise<{ length: number; oldestQueuedAt: string | null }> {
    const row = await this.db
      .selectFrom('handoff_sessions')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('queued_at').as('oldest')])
      .where('state', '=', 'queued')
      .executeTakeFirstOrThrow();
    return { length: Number(row.n), oldestQueuedAt: row.oldest ?? null };
  }

  /** The queue, oldest first. */
  async queue(): Promise<HandoffSession[]> {
    const rows = await this.db
      .selectFrom('handoff_sessions')
      .selectAll()
      .where('state', '=', 'queued')
      .orderBy('queued_at')
      .limit(200)
      .execute();
    return rows.map(toSession);
  }

  /** Conversations an agent currently has. */
  async heldBy(login: string): Promise<HandoffSession[]> {
    const rows = await this.db
      .selectFrom('handoff_sessions')
      .selectAll()
      .where('state', '=', 'agent')
      .where('agent_login', '=', login)
      .orderBy('accepted_at')
      .execute();
    return rows.map(toSession);
  }

  /** Takes a queued conversation for an agent; false if it was not queued (someone else won). */
  async accept(conversationId: string, login: string): Promise<boolean> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('handoff_sessions')
      .set({ state: 'agent', agent_login: login, accepted_at: at, updated_at: at })
      .where('conversation_id', '=', conversationId)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ends the agent's part; the bot takes back and waits for a rating. False if the agent did not have it. */
  async resolve(conversationId: string, login: string): Promise<boolean> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('handoff_sessions')
      .set({ state: 'resolved', resolved_at: at, awaiting_rating: 1, updated_at: at })
      .where('conversation_id', '=', conversationId)
      .where('state', '=', 'agent')
      .where('agent_login', '=', login)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Stops waiting for a rating (given, or the customer moved on); the bot has the conversation. */
  async finishRating(conversationId: string): Promise<void> {
    await this.db
      .updateTable('handoff_sessions')
      .set({ awaiting_rating: 0, state: 'bot', updated_at: this.now().toISOString() })
      .where('conversation_id', '=', conversationId)
      .execute();
  }

  /**
   * The customer's chat connection came or went. Coming back clears the away mark (true when
   * they had been away); going keeps the first time they went.
   */
  async customerPresence(conversationId: string, connected: boolean): Promise<boolean> {
    const at = this.now().toISOString();
    if (!connected) {
      await this.db
        .updateTable('handoff_sessions')
        .set({ customer_gone_at: at })
        .where('conversation_id', '=', conversationId)
        .where('customer_gone_at', 'is', null)
        .execute();
      return false;
    }
    const before = await this.get(conversationId);
    if (!before || (before.customerGoneAt === null && before.awayAt === null)) return false;
    await this.db
      .updateTable('handoff_sessions')
      .set({ customer_gone_at: null, away_at: null, updated_at: at })
      .where('conversation_id', '=', conversationId)
      .execute();
    return before.awayAt !== null;
  }

  /** Marks a queued customer away; false if they were not queued, already away or back. */
  async markAway(conversationId: string): Promise<boolean> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('handoff_sessions')
      .set({ away_at: at, updated_at: at })
      .where('conversation_id', '=', conversationId)
      .where('state', '=', 'queued')
      .where('away_at', 'is', null)
      .where('customer_gone_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Takes an away customer out of the queue (the bot has the conversation again); false if they came back or were taken. */
  async leaveQueue(conversationId: string): Promise<boolean> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable('handoff_sessions')
      .set({ state: 'bot', updated_at: at })
      .where('conversation_id', '=', conversationId)
      .where('state', '=', 'queued')
      .where('away_at', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records that an agent's console is alive. */
  async touchPresence(login: string): Promise<void> {
    const at = this.now().toISOString();
    await this.db
      .insertInto('agent_presence')
      .values({ login, last_seen: at })
      .onConflict((oc) => oc.column('login').doUpdateSet({ last_seen: at }))
      .execute();
  }

  /** Marks an agent offline (console closed). */
  async dropPresence(login: string): Promise<void> {
    await this.db.deleteFrom('agent_presence').where('login', '=', login).execute();
  }

  /** How many agents heartbeated recently, on any instance. */
  async agentsOnline(): Promise<number> {
    const since = new Date(this.now().getTime() - PRESENCE_WINDOW_MS).toISOString();
    const row = await this.db
      .selectFrom('agent_presence')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('last_seen', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toSession(row: Selectable<HandoffSessionsTable>): HandoffSession {
  return {
    conversationId: row.conversation_id,
    state: handoffStateSchema.catch('bot').parse(row.state),
    ticketNumber: row.ticket_number,
    reason: row.reason,
    agentLogin: row.agent_login,
    queuedAt: row.queued_at,
    acceptedAt: row.accepted_at,
    resolvedAt: row.resolved_at,
    awaitingRating: Number(row.awaiting_rating) === 1,
    customerGoneAt: row.customer_gone_at,
    awayAt: row.away_at,
  };
}
