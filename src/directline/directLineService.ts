import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { InProcessTurnLocks, type TurnLocks } from '../turns/turnLocks.js';
import type { ClientActivity, DlActivity, NewActivity } from './activity.js';
import type { BotTurnRunner } from './botTurnRunner.js';
import { newId, type ConversationStore, type DlConversation } from './conversationStore.js';
import type { ConversationOutbox } from './conversationOutbox.js';

/** A customer turn still pending this long after it was logged is taken up by the sweep (its instance died). */
const ORPHAN_AFTER_MS = 10_000;
const SWEEP_EVERY_MS = 15_000;

/**
 * Decides, before the bot sees a customer activity, whether someone else handles it (a live
 * agent, a pending satisfaction rating). Implemented by src/handoff.
 */
export interface InboundRouter {
  route(conversation: DlConversation, activity: DlActivity): Promise<'bot' | 'handled'>;
}

export interface DirectLineServiceOptions {
  /** The conversations' log and its signals, shared with the handoff (src/directline/conversationOutbox.ts). */
  outbox: ConversationOutbox;
  bot: BotTurnRunner;
  /** Who else may take a customer's activity before the bot (the live handoff); none: the bot takes all. */
  inbound?: InboundRouter;
  /** Our own base URL as the bot sees it (loopback), used as the activities' serviceUrl. */
  serviceUrl: string;
  onError?: (error: unknown) => void;
  /** Serialises a conversation's turns (across instances on PostgreSQL); in-process by default. */
  locks?: TurnLocks;
}

/**
 * The channel: keeps the Direct Line log, hands customer activities to the bot (or the
 * handoff router) one at a time per conversation, and publishes every change on the bus.
 * Exactly once: a customer activity is logged 'pending' and its turn's replies are logged
 * with the mark 'done'; a resent activity (same clientActivityID) is not logged again, and a
 * turn left pending by a dead process is run again (on the resend, or by the sweep), while
 * the bot's turn journal makes the second run answer as the first would have.
 */
export class DirectLineService {
  readonly store: ConversationStore;
  private readonly outbox: ConversationOutbox;
  private readonly bot: BotTurnRunner;
  private readonly botAccount: { id: string; name: string };
  private readonly inbound: InboundRouter | undefined;
  private readonly locks: TurnLocks;
  /** The newest queued turn per conversation, for idle(). */
  private readonly turns = new Map<string, Promise<void>>();
  private queued = 0;
  /** Customer turns queued in this process ("conversation|seq"), so a resend does not queue another. */
  private readonly scheduled = new Set<string>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: DirectLineServiceOptions) {
    this.outbox = options.outbox;
    this.store = options.outbox.store;
    this.botAccount = options.outbox.botAccount;
    this.bot = options.bot;
    this.inbound = options.inbound;
    this.locks = options.locks ?? new InProcessTurnLocks();
  }

  /**
   * Accepts an activity from the customer's client: logs it (the echo Web Chat waits for, with
   * its clientActivityID), then runs the turn in the background. Returns the echoed activity;
   * a resend gets the first echo, and its turn runs only if it never finished.
   */
  async acceptFromClient(conversation: DlConversation, activity: ClientActivity): Promise<DlActivity> {
    const from = { ...(activity.from ?? {}), id: conversation.userId, role: 'user' };
    if (activity.type === 'typing') {
      // Typing is ephemeral: shown live to an agent, never stored.
      const typing: DlActivity = {
        ...activity,
        from,
        id: `${conversation.id}|typing-${newId(6)}`,
        timestamp: new Date().toISOString(),
      };
      await this.outbox.publish(conversation.id, { kind: 'typing', activity: typing });
      return typing;
    }
    const inbound = await this.store.appendInbound(
      conversation.id,
      { ...activity, from, channelId: 'directline', recipient: { ...this.botAccount, role: 'bot' } },
      clientActivityIdOf(activity),
    );
    if (!inbound.duplicate) await this.outbox.publish(conversation.id, { kind: 'activities' });
    if (inbound.turn === 'pending') this.schedule(conversation, inbound.echo, inbound.seq);
    return inbound.echo;
  }

  /**
   * Takes up customer turns that were logged but never finished (a process died mid-turn):
   * at start-up every one, later those pending longer than a live turn takes. Runs every
   * SWEEP_EVERY_MS until close().
   */
  async resumePendingTurns(olderThanMs = 0): Promise<number> {
    const pending = await this.store.pendingTurns(new Date(Date.now() - olderThanMs));
    const conversations = new Map<string, DlConversation | undefined>();
    for (const turn of pending) {
      if (!conversations.has(turn.conversationId))
        conversations.set(turn.conversationId, await this.store.get(turn.conversationId));
      const conversation = conversations.get(turn.conversationId);
      if (conversation) this.schedule(conversation, turn.echo, turn.seq);
    }
    return pending.length;
  }

  /** Starts the periodic sweep for turns orphaned by another instance's death. */
  startSweeping(): void {
    this.sweeper ??= setInterval(
      () => void this.resumePendingTurns(ORPHAN_AFTER_MS).catch((error: unknown) => this.options.onError?.(error)),
      SWEEP_EVERY_MS,
    );
    this.sweeper.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** Sends the bot the "user joined" update once per conversation; reconnects never repeat the welcome. */
  async join(conversation: DlConversation, locale: string | undefined): Promise<void> {
    if (!(await this.store.claimWelcome(conversation.id))) return;
    this.enqueue(conversation.id, () =>
      this.runBot(conversation, undefined, {
        type: 'conversationUpdate',
        id: `${conversation.id}|join`,
        membersAdded: [{ id: conversation.userId, name: '' }],
        from: { id: conversation.userId, name: '', role: 'user' },
        locale: locale ?? 'zh-CN',
      }),
    );
  }

  /** Turns scheduled on this instance and not finished yet, over all conversations (load shedding reads it). */
  get queuedTurns(): number {
    return this.queued;
  }

  /** Resolves when every queued turn of the conversation has finished (tests, shutdown). */
  async idle(conversationId: string): Promise<void> {
    await this.turns.get(conversationId);
  }

  /** Resolves when no turn is queued or running on this instance (shutdown waits for this). */
  async drain(): Promise<void> {
    while (this.turns.size > 0) await Promise.allSettled([...this.turns.values()]);
  }

  private schedule(conversation: DlConversation, echo: DlActivity, seq: number): void {
    const key = `${conversation.id}|${seq}`;
    if (this.scheduled.has(key)) return;
    this.scheduled.add(key);
    this.enqueue(conversation.id, () => this.handle(conversation, echo, seq).finally(() => this.scheduled.delete(key)));
  }

  private async handle(conversation: DlConversation, echo: DlActivity, seq: number): Promise<void> {
    // Under the conversation's lock: another instance (or an earlier run) may have finished it.
    if (!(await this.store.turnPending(conversation.id, seq))) return;
    const done = async () => {
      await this.store.completeTurn(conversation.id, seq, []);
    };
    if (echo.type === 'event' && echo.name === 'webchat/join') {
      await done();
      return this.join(conversation, typeof echo.locale === 'string' ? echo.locale : undefined);
    }
    if (this.inbound && (await this.inbound.route(conversation, echo)) === 'handled') return done();
    if (echo.type !== 'message' && echo.type !== 'event') return done();
    await this.runBot(conversation, seq, echo);
  }

  /**
   * `completes` is the logged customer activity this turn answers (Web Chat knows its id); its
   * replies are logged with its 'done' mark. Without one (the welcome), replies are just logged.
   */
  private async runBot(
    conversation: DlConversation,
    completes: number | undefined,
    activity: Record<string, unknown>,
  ): Promise<void> {
    await this.outbox.typing(conversation.id, { ...this.botAccount, role: 'bot' });
    const inbound: Partial<Activity> = {
      ...activity,
      channelId: 'directline',
      serviceUrl: this.options.serviceUrl,
      conversation: { id: conversation.id, name: '', isGroup: false, conversationType: 'personal' },
      recipient: { ...this.botAccount, role: 'bot' },
      from: { id: conversation.userId, name: '', role: 'user' },
      timestamp: new Date(),
    };
    const replies = await this.bot.runTurn(inbound);
    // Replies keep replyToId only when it names the logged echo: Web Chat holds back for 5 s
    // any activity replying to an id it has never seen.
    const outgoing: NewActivity[] = replies.map((reply) => {
      const { replyToId, ...plain } = plainObject(reply);
      return {
        ...plain,
        ...(completes !== undefined && replyToId === activity.id ? { replyToId } : {}),
        type: String(reply.type ?? 'message'),
        from: { ...this.botAccount, role: 'bot' },
      };
    });
    const stored =
      completes === undefined
        ? await this.store.append(conversation.id, outgoing)
        : await this.store.completeTurn(conversation.id, completes, outgoing);
    if (stored.length > 0) await this.outbox.publish(conversation.id, { kind: 'activities' });
  }

  /**
   * Turns of one conversation run one at a time: in order within this process, and across
   * instances through the turn locks (advisory locks on PostgreSQL).
   */
  private enqueue(conversationId: string, task: () => Promise<void>): void {
    this.queued += 1;
    const next = this.locks
      .withLock(`directline/${conversationId}`, task)
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.queued -= 1;
      });
    this.turns.set(conversationId, next);
    void next.then(() => {
      if (this.turns.get(conversationId) === next) this.turns.delete(conversationId);
    });
  }
}

const plainSchema = z.record(z.string(), z.unknown());

/** Web Chat's id for an activity it sends, kept across its own resends. */
function clientActivityIdOf(activity: ClientActivity): string | undefined {
  const id = activity.channelData?.clientActivityID;
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
}

/** A JSON-safe copy (Dates become strings, class instances plain objects). */
function plainObject(value: unknown): Record<string, unknown> {
  return plainSchema.parse(JSON.parse(JSON.stringify(value)));
}
