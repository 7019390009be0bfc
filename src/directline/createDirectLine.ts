import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type express from 'express';
import type { Limiter } from '../limits/limiter.js';
import type { TurnLocks } from '../turns/turnLocks.js';
import { AttachmentLinks } from './attachmentLinks.js';
import type { BotTurnRunner } from './botTurnRunner.js';
import { createChatRouter } from './chatRoutes.js';
import type { ConversationOutbox } from './conversationOutbox.js';
import { createDirectLineRouter } from './directLineRouter.js';
import { DirectLineService, type InboundRouter } from './directLineService.js';
import type { EventBus } from './eventBus.js';
import { StreamSocketServer } from './streamSocket.js';
import { TokenIssuer } from './tokens.js';

export interface DirectLineDeps {
  /** The conversations' log, shared with the handoff (built before the bot, see src/app.ts). */
  outbox: ConversationOutbox;
  bus: EventBus;
  bot: BotTurnRunner;
  /** Takes customer activities before the bot when someone else handles them (the live handoff). */
  inbound?: InboundRouter;
  /** The Direct Line secret (src/secrets). */
  secret: string;
  /** Our own base URL as the bot sees it. */
  serviceUrl: string;
  onError?: (error: unknown) => void;
  /** One turn per conversation at a time; in-process when not given. */
  locks?: TurnLocks;
  /** Abuse limits: new conversations per client address, activities per conversation. */
  limits?: { chatTokens: Limiter; messagesPerConversation: Limiter };
  /** Refuse customer posts (503) while this many turns are queued; none refused when not given. */
  shedding?: { maxQueuedTurns: number; onShed: () => void };
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
  /**
   * Takes up customer turns a dead process left unfinished, now and (for other instances'
   * deaths on PostgreSQL) every 15 s.
   */
  start(): Promise<void>;
  close(): void;
}

/** Builds the self-hosted Direct Line channel and the customer's chat page. */

export async function createDirectLine(deps: DirectLineDeps): Promise<DirectLine> {
  const { secret } = deps;
  const tokens = new TokenIssuer(secret);
  const service = new DirectLineService({
    outbox: deps.outbox,
    bot: deps.bot,
    inbound: deps.inbound,
    serviceUrl: deps.serviceUrl,
    onError: deps.onError,
    locks: deps.locks,
  });
  const links = new AttachmentLinks(secret);
  const streams = new StreamSocketServer({ service, bus: deps.bus, tokens, secret, links });
  const router = createDirectLineRouter({
    service,
    tokens,
    secret,
    links,
    perConversation: deps.limits?.messagesPerConversation,
    shedding: deps.shedding,
  });
  router.use(createChatRouter(service, tokens, deps.limits?.chatTokens));
  return {
    service,
    tokens,
    secret,
    links,
    router,
    handleUpgrade: (req, socket, head) => streams.handleUpgrade(req, socket, head),
    openStreams: () => streams.openCount,
    async start() {
      await service.resumePendingTurns();
      service.startSweeping();
    },
    close: () => {
      service.stopSweeping();
      streams.close();
    },
  };
}
