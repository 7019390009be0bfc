import type { LookupLimits, LookupVerdict } from '../../dialogs/dependencies.js';
import type { Limiter, LimiterStore } from './limiter.js';

/**
 * Guessing the phone digits of a ticket, limited per ticket number (5 failures an hour, then
 * an hour's pause) and per conversation (10 failures an hour), across instances. It counts a
 * number that does not exist exactly like one that does, so a pause says nothing about
 * existence. `failed` reports the moment a number's limit is reached (the dialog then leaves
 * a note on the ticket, if there is one).
 */
export class TicketLookupGuard implements LookupLimits {
  private readonly perTicket: Limiter;
  private readonly perConversation: Limiter;

  constructor(store: LimiterStore) {
    this.perTicket = store.limiter('lookup_fail_ticket', { points: 5, durationSeconds: 3600, blockSeconds: 3600 });
    this.perConversation = store.limiter('lookup_fail_conv', { points: 10, durationSeconds: 3600, blockSeconds: 3600 });
  }

  async admit(conversationId: string, ticketNumber: string): Promise<LookupVerdict> {
    for (const [limiter, key] of [
      [this.perTicket, ticketNumber],
      [this.perConversation, conversationId],
    ] as const) {
      const { consumed, msBeforeReset } = await limiter.used(key);
      if (consumed >= limiter.spec.points)
        return { allowed: false, waitMinutes: Math.max(1, Math.ceil(msBeforeReset / 60_000)) };
    }
    return { allowed: true };
  }

  async failed(conversationId: string, ticketNumber: string): Promise<{ lockedOut: boolean }> {
    await this.perConversation.consume(conversationId);
    const { consumed } = await this.perTicket.consume(ticketNumber);
    return { lockedOut: consumed === this.perTicket.spec.points };
  }
}
