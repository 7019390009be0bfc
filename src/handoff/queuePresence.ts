import type { ConversationOutbox } from '../directline/conversationOutbox.js';
import type { EventBus } from '../directline/eventBus.js';
import { PRESENCE_TOPIC, presenceSignalSchema, type PresenceSignal } from '../directline/streamSocket.js';
import { QUEUE_TOPIC, type HandoffTickets, type QueueSignal } from './handoffService.js';
import type { HandoffStore } from './handoffStore.js';
import { type HandoffWording } from './handoffWording.js';
import { fillTemplate } from '../text/template.js';

export interface QueuePresenceDeps {
  store: HandoffStore;
  bus: EventBus;
  outbox: Pick<ConversationOutbox, 'post'>;
  tickets: Pick<HandoffTickets, 'addComment'>;
  wording: Pick<HandoffWording, 'leftQueue' | 'leftQueueNote'>;
  /** A queued customer gone this long is marked away (config QUEUE_AWAY_AFTER_MINUTES). */
  awayAfterMinutes: number;
  /** Away this much longer, they leave the queue (config QUEUE_LEAVE_AFTER_MINUTES). */
  leaveAfterMinutes: number;
  /** Tells present customers queued at or after `since` their place. */
  tellPositions: (since: string | null) => Promise<void>;
  now?: () => Date;
}

/**
 * Who in the queue is still there: a customer whose chat connection (Direct Line stream) has
 * been gone for N minutes is marked away and stops counting in others' places; after M more
 * minutes they leave the queue with a note on the ticket. Coming back clears the mark.
 * Every instance sweeps; the store's compare-and-set lets one of them act.
 */
export class QueuePresence {
  private readonly now: () => Date;

  constructor(private readonly deps: QueuePresenceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Follows customers' connections on the bus; returns the unsubscribe. */
  listen(onError: (error: unknown) => void): () => void {
    return this.deps.bus.subscribe(PRESENCE_TOPIC, (payload) => {
      const signal = presenceSignalSchema.safeParse(payload);
      if (signal.success) this.onPresence(signal.data).catch(onError);
    });
  }

  /** A customer connected or went; one who comes back from away is counted again. */
  async onPresence(signal: PresenceSignal): Promise<void> {
    const wasAway = await this.deps.store.customerPresence(signal.conversationId, signal.connected);
    if (!wasAway) return;
    await this.signal({ event: 'back', conversationId: signal.conversationId });
    await this.deps.tellPositions((await this.deps.store.get(signal.conversationId))?.queuedAt ?? null);
  }

  /** Marks gone customers away, and takes those away long enough out of the queue. */
  async sweep(): Promise<void> {
    const { store, awayAfterMinutes, leaveAfterMinutes } = this.deps;
    const now = this.now().getTime();
    const minutesSince = (iso: string) => (now - Date.parse(iso)) / 60_000;
    // The queue comes oldest first: the first customer marked away is where places start to move.
    let movedSince: string | undefined;
    for (const session of await store.queue()) {
      if (!session.customerGoneAt) continue;
      if (
        !session.awayAt &&
        minutesSince(session.customerGoneAt) >= awayAfterMinutes &&
        (await store.markAway(session.conversationId))
      ) {
        movedSince ??= session.queuedAt ?? undefined;
        await this.signal({ event: 'away', conversationId: session.conversationId });
      } else if (
        session.awayAt &&
        minutesSince(session.awayAt) >= leaveAfterMinutes &&
        (await store.leaveQueue(session.conversationId))
      ) {
        const minutes = Math.round(minutesSince(session.customerGoneAt));
        if (session.ticketNumber)
          await this.deps.tickets.addComment(
            session.ticketNumber,
            'system',
            fillTemplate(this.deps.wording.leftQueueNote, { minutes }),
          );
        // Said in the chat, for when the customer comes back to it.
        await this.deps.outbox.post(session.conversationId, [
          { type: 'message', text: this.deps.wording.leftQueue, textFormat: 'plain' },
        ]);
        await this.signal({ event: 'left', conversationId: session.conversationId });
      }
    }
    if (movedSince !== undefined) await this.deps.tellPositions(movedSince);
  }

  private async signal(signal: QueueSignal): Promise<void> {
    await this.deps.bus.publish(QUEUE_TOPIC, signal);
  }
}
