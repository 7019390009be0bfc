import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { ClientActivity, DlActivity, NewActivity } from './activity.js';
import type { BotTurnRunner } from './botTurnRunner.js';
import { newId, type ConversationStore, type DlConversation } from './conversationStore.js';
import type { EventBus } from './eventBus.js';

/** What the stream and agent sockets hear on `conversationTopic(id)`. */
export type ConversationSignal = { kind: 'activities' } | { kind: 'typing'; activity: DlActivity };

/** Longest a bot turn may hold a conversation before another instance may take over. */
const TURN_LEASE_MS = 30_000;

/** Bus topic of one conversation. */
export const conversationTopic = (conversationId: string): string => `dl:${conversationId}`;

/**
 * Decides, before the bot sees a customer activity, whether someone else handles it (a live
 * agent, a pending satisfaction rating). Implemented by src/handoff.
 */
export interface InboundRouter {
  route(conversation: DlConversation, activity: DlActivity): Promise<'bot' | 'handled'>;
}

export interface DirectLineServiceOptions {
  store: ConversationStore;
  bus: EventBus;
  bot: BotTurnRunner;
  /** Our own base URL as the bot sees it (loopback), used as the activities' serviceUrl. */
  serviceUrl: string;
  botAccount?: { id: string; name: string };
  onError?: (error: unknown) => void;
}

/**
 * The channel: keeps the Direct Line log, hands customer activities to the bot (or the
 * handoff router) one at a time per conversation, and publishes every change on the bus.
 */
export class DirectLineService {
  readonly store: ConversationStore;
  private readonly bus: EventBus;
  private readonly bot: BotTurnRunner;
  private readonly botAccount: { id: string; name: string };
  private readonly turns = new Map<string, Promise<void>>();
  private inbound: InboundRouter | undefined;

  constructor(private readonly options: DirectLineServiceOptions) {
    this.store = options.store;
    this.bus = options.bus;
    this.bot = options.bot;
    this.botAccount = options.botAccount ?? { id: 'after-sales-bot', name: '售后小助手' };
  }

  /** Lets the handoff module intercept customer activities (set once at wiring time). */
  setInboundRouter(router: InboundRouter): void {
    this.inbound = router;
  }

  /**
   * Accepts an activity from the customer's client: logs it (the echo Web Chat waits for, with
   * its clientActivityID), then runs the turn in the background. Returns the echoed activity.
   */
  async acceptFromClient(conversation: DlConversation, activity: ClientActivity): Promise<DlActivity> {
    const from = { ...(activity.from ?? {}), id: conversation.userId, role: 'user' };
    if (activity.type === 'typing') {
      // Typing is ephemeral: shown live to an agent, never stored.
      const typing: DlActivity = { ...activity, from, id: `${conversation.id}|typing-${newId(6)}`, timestamp: new Date().toISOString() };
      await this.publish(conversation.id, { kind: 'typing', activity: typing });
      return typing;
    }
    const [echo] = await this.store.append(conversation.id, [{ ...activity, from, channelId: 'directline', recipient: { ...this.botAccount, role: 'bot' } }]);
    if (!echo) throw new Error('append returned nothing');
    await this.publish(conversation.id, { kind: 'activities' });
    this.enqueue(conversation.id, () => this.handle(conversation, echo));
    return echo;
  }

  /** Adds activities said by the bot or an agent (no replyToId: Web Chat would hold them back). */
  async post(conversationId: string, activities: NewActivity[]): Promise<DlActivity[]> {
    const clean = activities.map(({ replyToId: _drop, ...rest }) => ({ ...rest, from: rest.from ?? { ...this.botAccount, role: 'bot' } }));
    const stored = await this.store.append(conversationId, clean);
    await this.publish(conversationId, { kind: 'activities' });
    return stored;
  }

  /** Shows a typing indicator to whoever watches the conversation. */
  async typing(conversationId: string, from: { id: string; name: string; role: string }): Promise<void> {
    await this.publish(conversationId, { kind: 'typing', activity: { type: 'typing', id: `${conversationId}|typing-${newId(6)}`, from, timestamp: new Date().toISOString(), conversation: { id: conversationId } } });
  }

  /** Sends the bot the "user joined" update once per conversation; reconnects never repeat the welcome. */
  async join(conversation: DlConversation, locale: string | undefined): Promise<void> {
    if (!(await this.store.claimWelcome(conversation.id))) return;
    this.enqueue(conversation.id, () =>
      this.runBot(conversation, false, {
        type: 'conversationUpdate',
        id: `${conversation.id}|join`,
        membersAdded: [{ id: conversation.userId, name: '' }],
        from: { id: conversation.userId, name: '', role: 'user' },
        locale: locale ?? 'zh-CN',
      }),
    );
  }

  /** Resolves when every queued turn of the conversation has finished (tests, shutdown). */
  async idle(conversationId: string): Promise<void> {
    await this.turns.get(conversationId);
  }

  /** Resolves when no turn is queued or running on this instance (shutdown waits for this). */
  async drain(): Promise<void> {
    while (this.turns.size > 0) await Promise.allSettled([...this.turns.values()]);
  }

  private async handle(conversation: DlConversation, echo: DlActivity): Promise<void> {
    if (echo.type === 'event' && echo.name === 'webchat/join') return this.join(conversation, typeof echo.locale === 'string' ? echo.locale : undefined);
    if (this.inbound && (await this.inbound.route(conversation, echo)) === 'handled') return;
    if (echo.type !== 'message' && echo.type !== 'event') return;
    await this.runBot(conversation, true, echo);
  }

  /** `logged` says whether the inbound activity is in the log (Web Chat knows its id). */
  private async runBot(conversation: DlConversation, logged: boolean, activity: Record<string, unknown>): Promise<void> {
    await this.typing(conversation.id, { ...this.botAccount, role: 'bot' });
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
      return { ...plain, ...(logged && replyToId === activity.id ? { replyToId } : {}), type: String(reply.type ?? 'message'), from: { ...this.botAccount, role: 'bot' } };
    });
    if (outgoing.length === 0) return;
    await this.store.append(conversation.id, outgoing);
    await this.publish(conversation.id, { kind: 'activities' });
  }

  /**
   * Turns of one conversation run one at a time: in order within this process (a promise
   * chain), and across instances through a lease row in the shared database.
   */
  private enqueue(conversationId: string, task: () => Promise<void>): void {
    const previous = this.turns.get(conversationId) ?? Promise.resolve();
    const next = previous.then(() => this.withLease(conversationId, task)).catch((error: unknown) => this.options.onError?.(error));
    this.turns.set(conversationId, next);
    void next.then(() => {
      if (this.turns.get(conversationId) === next) this.turns.delete(conversationId);
    });
  }

  private async withLease(conversationId: string, task: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + TURN_LEASE_MS;
    let lease = await this.store.tryLease(conversationId, TURN_LEASE_MS);
    // Another instance is running a turn here; wait for it (bounded by the lease time).
    while (!lease && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      lease = await this.store.tryLease(conversationId, TURN_LEASE_MS);
    }
    try {
      await task();
    } finally {
      if (lease) await this.store.releaseLease(conversationId, lease);
    }
  }

  private async publish(conversationId: string, signal: ConversationSignal): Promise<void> {
    await this.bus.publish(conversationTopic(conversationId), signal);
  }
}

const plainSchema = z.record(z.string(), z.unknown());

/** A JSON-safe copy (Dates become strings, class instances plain objects). */
function plainObject(value: unknown): Record<string, unknown> {
  return plainSchema.parse(JSON.parse(JSON.stringify(value)));
}
