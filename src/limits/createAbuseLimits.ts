import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { createLimiterStore, type Limiter } from './limiter.js';
import { LoginGuard } from './loginGuard.js';
import { TicketLookupGuard } from './ticketLookupGuard.js';

/** Every abuse limit of the service, on one shared store (PostgreSQL, or memory for the embedded store). */
export interface AbuseLimits {
  /** Minting chat conversations, per client address. */
  chatTokens: Limiter;
  /** Activities into one conversation (/api/messages and Direct Line posts). */
  messagesPerConversation: Limiter;
  /** Activities to /api/messages from one client address. */
  messagesPerAddress: Limiter;
  logins: LoginGuard;
  ticketLookups: TicketLookupGuard;
  close(): Promise<void>;
}

export type AbuseLimitsConfig = Pick<
  AppConfig,
  'CHAT_TOKENS_PER_MINUTE' | 'MESSAGES_PER_MINUTE' | 'MESSAGES_PER_MINUTE_PER_ADDRESS'
>;

/** Builds the limits on PostgreSQL when the database is PostgreSQL, else in memory. */
export function createAbuseLimits(
  database: Pick<DatabaseHandle, 'pgConnection'>,
  config: AbuseLimitsConfig,
): AbuseLimits {
  const store = createLimiterStore(database.pgConnection);
  return {
    chatTokens: store.limiter('chat_tokens', { points: config.CHAT_TOKENS_PER_MINUTE, durationSeconds: 60 }),
    messagesPerConversation: store.limiter('messages_conv', {
      points: config.MESSAGES_PER_MINUTE,
      durationSeconds: 60,
    }),
    messagesPerAddress: store.limiter('messages_addr', {
      points: config.MESSAGES_PER_MINUTE_PER_ADDRESS,
      durationSeconds: 60,
    }),
    logins: new LoginGuard(store),
    ticketLookups: new TicketLookupGuard(store),
    close: () => store.close(),
  };
}
