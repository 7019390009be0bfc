import type { DlActivity, NewActivity } from './activity.js';
import { newId, type ConversationStore } from './conversationStore.js';
import type { EventBus } from './eventBus.js';

/** What the stream and agent sockets hear on `conversationTopic(id)`. */
export type ConversationSignal = { kind: 'activities' } | { kind: 'typing'; activity: DlActivity };

/** Bus topic of one conversation. */
export const conversationTopic = (conversationId: string): string => `dl:${conversationId}`;

/** Who the bot is in every conversation's log. */
export const DEFAULT_BOT_ACCOUNT = { id: 'after-sales-bot', name: '售后小助手' };

/**
 * The Direct Line log as everyone but the bot writes to it: agents, the queue and attachments
 * post into a customer's conversation and show typing, and whoever watches hears it on the bus.
 * It needs no bot, so the handoff can be built before the bot and the channel after both,
 * with no late binding between them.
 */
export class ConversationOutbox {
  constructor(
    readonly store: ConversationStore,
    private readonly bus: EventBus,
    readonly botAccount: { id: string; name: string } = DEFAULT_BOT_ACCOUNT,
  ) {}

  /** Adds activities said by the bot or an agent (no replyToId: Web Chat would hold them back). */
  async post(conversationId: string, activities: NewActivity[]): Promise<DlActivity[]> {
    const clean = activities.map(({ replyToId: _drop, ...rest }) => ({
      ...rest,
      from: rest.from ?? { ...this.botAccount, role: 'bot' },
    }));
    const stored = await this.store.append(conversationId, clean);
    await this.publish(conversationId, { kind: 'activities' });
    return stored;
  }

  /** Shows a typing indicator to whoever watches the conversation. */
  async typing(conversationId: string, from: { id: string; name: string; role: string }): Promise<void> {
    await this.publish(conversationId, {
      kind: 'typing',
      activity: {
        type: 'typing',
        id: `${conversationId}|typing-${newId(6)}`,
        from,
        timestamp: new Date().toISOString(),
        conversation: { id: conversationId },
      },
    });
  }

  /** Tells the conversation's watchers (streams, agents' sockets, other instances) what changed. */
  async publish(conversationId: string, signal: ConversationSignal): Promise<void> {
    await this.bus.publish(conversationTopic(conversationId), signal);
  }
}
