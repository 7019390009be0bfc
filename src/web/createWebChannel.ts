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
import { createEventBus } from '../directline/createEventBus.js';
import type { EventBus } from '../directline/eventBus.js';
import { createHandoff, type Handoff } from '../handoff/createHandoff.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Understanding } from '../understanding/understandMessage.js';
import type { AbuseLimits } from '../limits/createAbuseLimits.js';
import type { AppSecrets } from '../secrets/resolveSecrets.js';
import type { TurnLocks } from '../turns/turnLocks.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import type { TicketService } from '../tickets/TicketService.js';
import type { DeferredHandoffRequester } from './deferredHandoffRequester.js';
import type { QueueMetrics } from '../observability/metrics.js';

export interface WebChannelDeps {
  config: Pick<
    AppConfig,
    | 'DATABASE_URL'
    | 'PORT'
    | 'KNOWLEDGE_DIR'
    | 'AGENT_HOURS'
    | 'TZ_OFFSET_MINUTES'
    | 'MicrosoftAppId'
    | 'QUEUE_AWAY_AFTER_MINUTES'
    | 'QUEUE_LEAVE_AFTER_MINUTES'
  >;
  secrets: AppSecrets;
  locks: TurnLocks;
  limits: Pick<AbuseLimits, 'chatTokens' | 'messagesPerConversation'>;
  database: DatabaseHandle;
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  tickets: TicketService;
  agents: AgentService;
  knowledge: KnowledgeBase;
  understand: (text: string) => Understanding;
  /** A ticket's stored coverage record in words, for the agents' console. */
  describeCoverage: (record: Record<string, unknown>) => string;
  /** The requester the dialogs were built with; connected to the live relay here. */
  requester: DeferredHandoffRequester;
  /** PostgreSQL schema of this database (tests), so its bus channel is its own. */
  pgSchema?: string;
  /** The app's bus (issue 14: built with the stores); one is made here when absent. */
  bus?: EventBus;
  /** Issue 14: customers' uploads, agents' files and downloads. */
  attachments?: AttachmentService;
  onError?: (error: unknown) => void;
  now?: () => Date;
  metrics?: QueueMetrics;
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
 * bus (PostgreSQL LISTEN/NOTIFY, or in-process for the embedded store).
 */
export async function createWebChannel(deps: WebChannelDeps): Promise<WebChannel> {
  const { config } = deps;
  // A bus made here is closed here; the app's bus is the app's to close.
  const ownBus = deps.bus === undefined;
  const bus = deps.bus ?? (await createEventBus(config.DATABASE_URL, deps.pgSchema));
  const directLine = await createDirectLine({
    db: deps.database.db,
    bus,
    bot: createAdapterTurnRunner(deps.adapter, deps.logic, config.MicrosoftAppId ?? '', deps.onError),
    secret: deps.secrets.directLine,
    serviceUrl: `http://127.0.0.1:${config.PORT}`,
    onError: deps.onError,
    locks: deps.locks,
    limits: deps.limits,
  });
  const handoff = createHandoff({
    db: deps.database.db,
    bus,
    directLine: directLine.service,
    tickets: deps.tickets,
    agents: deps.agents,
    knowledge: deps.knowledge,
    understand: deps.understand,
    describeCoverage: deps.describeCoverage,
    knowledgeDir: config.KNOWLEDGE_DIR,
    agentHours: config.AGENT_HOURS,
    tzOffsetMinutes: config.TZ_OFFSET_MINUTES,
    presence: {
      awayAfterMinutes: config.QUEUE_AWAY_AFTER_MINUTES,
      leaveAfterMinutes: config.QUEUE_LEAVE_AFTER_MINUTES,
    },
    onError: deps.onError,
    attachments: deps.attachments,
    now: deps.now,
    metrics: deps.metrics,
  });
  deps.requester.connect(handoff.service);
  // Issue 9: with the handoff router in place, take up turns a dead process left unfinished.
  await directLine.start();
  const router = Router();
  // Issue 14: before Direct Line's and the console's routers, whose JSON body parsers refuse multipart.
  if (deps.attachments) {
    const channel = new AttachmentChannel({
      attachments: deps.attachments,
      directLine: directLine.service,
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
        if (ownBus) await bus.close();
      })();
      return closing;
    },
  };
}
