import './migrations.js';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type express from 'express';
import type { Kysely } from 'kysely';
import { DEFAULT_CHAT_TOKENS_PER_MINUTE } from '../config.js';
import type { Database } from '../storage/schema.js';
import { AttachmentLinks } from './attachmentLinks.js';
import type { BotTurnRunner } from './botTurnRunner.js';
import { createChatRouter } from './chatRoutes.js';
import { ConversationStore } from './conversationStore.js';
import { createDirectLineRouter } from './directLineRouter.js';
import { DirectLineService } from './directLineService.js';
import type { EventBus } from './eventBus.js';
import { resolveDirectLineSecret } from './resolveSecret.js';
import { StreamSocketServer } from './streamSocket.js';
import { TokenIssuer } from './tokens.js';

export interface DirectLineDeps {
  db: Kysely<Database>;
  bus: EventBus;
  bot: BotTurnRunner;
  /** DIRECTLINE_SECRET from config; generated and stored in the database when unset. */
  configuredSecret?: string;
  /** Our own base URL as the bot sees it. */
  serviceUrl: string;
  onError?: (error: unknown) => void;
  /** Conversations one address may mint per minute at /api/chat/token. */
  chatTokensPerMinute?: number;
}

export interface DirectLine {
  service: DirectLineService;
  tokens: TokenIssuer;
  secret: string;
  /** Signed links to conversations' attachments (issue 14). */
  links: AttachmentLinks;
  /** Direct Line REST endpoints + /chat + /api/chat/token. */
  router: express.Router;
  /** Call from the HTTP server's 'upgrade' event; false when the URL is not a stream. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** WebSocket streams open on this instance (metrics). */
  openStreams(): number;
  close(): void;
}

/** Builds the self-hosted Direct Line channel and the customer's chat page. */
export async function createDirectLine(deps: DirectLineDeps): Promise<DirectLine> {
  const secret = await resolveDirectLineSecret(deps.db, deps.configuredSecret);
  const tokens = new TokenIssuer(secret);
  const service = new DirectLineService({ store: new ConversationStore(deps.db), bus: deps.bus, bot: deps.bot, serviceUrl: deps.serviceUrl, onError: deps.onError });
  const links = new AttachmentLinks(secret);
  const streams = new StreamSocketServer({ service, bus: deps.bus, tokens, secret, links });
  const router = createDirectLineRouter({ service, tokens, secret, links });
  router.use(createChatRouter(service, tokens, { tokensPerMinute: deps.chatTokensPerMinute ?? DEFAULT_CHAT_TOKENS_PER_MINUTE }));
  return {
    service,
    tokens,
    secret,
    links,
    router,
    handleUpgrade: (req, socket, head) => streams.handleUpgrade(req, socket, head),
    openStreams: () => streams.openCount,
    close: () => streams.close(),
  };
}
