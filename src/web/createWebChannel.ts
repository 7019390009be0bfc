import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { Router } from 'express';
import type { AgentService } from '../agents/AgentService.js';
import { AttachmentChannel } from '../attachments/attachmentChannel.js';
import { createAttachmentRouter } from '../attachments/attachmentRoutes.js';
import type { AttachmentService } from '../attachments/AttachmentService.js';
import type { AppConfig } from '../config.js';
import { createAdapterTurnRunner } from '../directline/botTurnRunner.js';
import { createDirectLine, type DirectLine } from '../directline/createDirectLine.js';
import type { EventBus } from '../directline/eventBus.js';
import type { Handoff } from '../handoff/createHandoff.js';
import type { ConversationOutbox } from '../directline/conversationOutbox.js';
import type { AbuseLimits } from '../limits/createAbuseLimits.js';
import type { AppSecrets } from '../secrets/resolveSecrets.js';
import type { TurnLocks } from '../turns/turnLocks.js';
import type { TicketService } from '../tickets/TicketService.js';

export interface WebChannelDeps {
  config: Pick<AppConfig, 'PORT' | 'MicrosoftAppId' | 'MAX_QUEUED_TURNS'>;
  secrets: AppSecrets;
  locks: TurnLocks;
  limits: Pick<AbuseLimits, 'chatTokens' | 'messagesPerConversation'>;
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  /** The conversations' log the handoff already writes to. */
  outbox: ConversationOutbox;
  /** The live handoff, built before the bot (its requester) and taking held conversations' messages here. */
  handoff: Handoff;
  tickets: TicketService;
  agents: AgentService;
  bus: EventBus;
  /** Issue 14: customers' uploads, agents' files and downloads. */
  attachments?: AttachmentService;
  onError?: (error: unknown) => void;
  /** Counts customer posts refused because too many turns were queued (metrics). */
  onShed?: () => void;
  now?: () => Date;
}

export interface WebChannel {
  directLine: DirectLine;
  handoff: Handoff;
  bus: EventBus;
  /** Direct Line, /chat, /agent and the console API; mount before the error handler. */
  router: Router;
  /** Wire to the HTTP server's 'upgrade' event (Direct Line streams, agents' socket). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/**
 * The website channel (issue 5): self-hosted Direct Line in front of the bot, the customer's
 * /chat page, the live handoff and the agents' /agent console, joined across instances by the
 * bus (PostgreSQL LISTEN/NOTIFY, or in-process for the embedded store). The handoff is built
 * before the bot (it is the dialogs' requester) and given here, where Direct Line routes a held
 * conversation's messages to it.
 */
export async function createWebChannel(deps: WebChannelDeps): Promise<WebChannel> {
  const { config, handoff, bus } = deps;
  const directLine = await createDirectLine({
    outbox: deps.outbox,
    bus,
    bot: createAdapterTurnRunner(deps.adapter, deps.logic, config.MicrosoftAppId ?? '', deps.onError),
    inbound: handoff.service,
    secret: deps.secrets.directLine,
    serviceUrl: `http://127.0.0.1:${config.PORT}`,
    onError: deps.onError,
    locks: deps.locks,
    limits: deps.limits,
    shedding: { maxQueuedTurns: config.MAX_QUEUED_TURNS, onShed: deps.onShed ?? (() => undefined) },
  });
  // Issue 9: take up turns a dead process left unfinished.
  await directLine.start();
  const router = Router();
  // Issue 14: before Direct Line's and the console's routers, whose JSON body parsers refuse multipart.
  if (deps.attachments) {
    const channel = new AttachmentChannel({
      attachments: deps.attachments,
      directLine: directLine.service,
      outbox: deps.outbox,
      handoff: handoff.service,
      tickets: deps.tickets,
      now: deps.now,
    });
    router.use(
      createAttachmentRouter({
        channel,
        attachments: deps.attachments,
        directLine,
        agents: deps.agents,
        uploadLimit: deps.limits.messagesPerConversation,
      }),
    );
  }
  router.use(directLine.router, handoff.router);
  let closing: Promise<void> | undefined;
  return {
    directLine,
    handoff,
    bus,
    router,
    handleUpgrade(req, socket, head) {
      // An upgrade runs outside express's error handling: a throw here (an unparsable URL such
      // as `//[`) would kill the process, so it becomes a 400 and the server keeps running.
      try {
        if (!directLine.handleUpgrade(req, socket, head) && !handoff.handleUpgrade(req, socket, head)) socket.destroy();
      } catch (error) {
        // A client's unparsable URL is its mistake, not ours: only anything else is logged.
        if (!(error instanceof TypeError && 'code' in error && error.code === 'ERR_INVALID_URL')) deps.onError?.(error);
        if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        else socket.destroy();
      }
    },
    close() {
      // Idempotent: the server's shutdown calls it to end open sockets, buildApp's close again.
      closing ??= (async () => {
        directLine.close();
        handoff.close();
      })();
      return closing;
    },
  };
}
