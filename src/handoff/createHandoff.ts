import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Router } from 'express';
import type { AgentService } from '../agents/AgentService.js';
import type { AttachmentService } from '../attachments/AttachmentService.js';
import type { ConversationOutbox } from '../directline/conversationOutbox.js';
import type { EventBus } from '../directline/eventBus.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Understanding } from '../understanding/understandMessage.js';
import type { TicketService } from '../tickets/TicketService.js';
import { createAgentRouter } from './agentRoutes.js';
import { AgentSocketServer } from './agentSocket.js';
import { parseBusinessHours } from './businessHours.js';
import { ConsoleViews } from './consoleViews.js';
import { HandoffService } from './handoffService.js';
import { HandoffStore } from './handoffStore.js';
import { loadHandoffWording } from './handoffWording.js';
import { QueuePresence } from './queuePresence.js';

/** How often each instance looks for queued customers who went away. */
const PRESENCE_SWEEP_MS = 20_000;
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { QueueMetrics } from '../observability/metrics.js';

export interface HandoffDeps {
  db: Kysely<Database>;
  bus: EventBus;
  /** The conversations' log: the relay posts agents' words and queue notices into it. */
  outbox: ConversationOutbox;
  tickets: TicketService;
  agents: AgentService;
  knowledge: KnowledgeBase;
  /** How the bot understands a message (for suggested replies). */
  understand: (text: string) => Understanding;
  knowledgeDir: string;
  agentHours: string;
  tzOffsetMinutes: number;
  /** Queued customers gone this long are away; away this much longer, they leave (config). */
  presence: { awayAfterMinutes: number; leaveAfterMinutes: number };
  /** Failures of background work (presence sweeps). */
  onError?: (error: unknown) => void;
  /** A ticket's stored coverage record in words, for the console (src/handoff/coverageWords.ts). */
  describeCoverage: (record: Record<string, unknown>) => string;
  /** Issue 14: files sent during a live chat join the ticket. */
  attachments?: AttachmentService;
  now?: () => Date;
  metrics?: QueueMetrics;
}

export interface Handoff {
  /** The bot's dialogs' HandoffRequester, and Direct Line's InboundRouter (a held conversation's messages go to its agent). */
  service: HandoffService;
  /** Marks gone customers away and takes them out of the queue (swept every 20 s). */
  presence: QueuePresence;
  /** /agent and /api/handoff/*. */
  router: Router;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

/**
 * Builds the live handoff and the agents' console. It needs only the conversations' log, not
 * the bot or Direct Line, so it is built before both and handed to each (src/app.ts).
 */
export function createHandoff(deps: HandoffDeps): Handoff {
  const hours = parseBusinessHours(deps.agentHours, deps.tzOffsetMinutes);
  if (!hours.ok) throw new Error(hours.reason);
  const store = new HandoffStore(deps.db, deps.now);
  const wording = loadHandoffWording(deps.knowledgeDir);
  const service = new HandoffService({
    store,
    outbox: deps.outbox,
    tickets: deps.tickets,
    bus: deps.bus,
    hours: hours.value,
    wording,
    attachments: deps.attachments,
    now: deps.now,
    metrics: deps.metrics,
  });
  const presence = new QueuePresence({
    store,
    bus: deps.bus,
    outbox: deps.outbox,
    tickets: deps.tickets,
    wording,
    ...deps.presence,
    tellPositions: (since) => service.tellQueueMoved(since),
    now: deps.now,
  });
  const onError = deps.onError ?? (() => undefined);
  const stopListening = presence.listen(onError);
  const sweeping = setInterval(() => void presence.sweep().catch(onError), PRESENCE_SWEEP_MS);
  sweeping.unref();
  const conversations = deps.outbox.store;
  const views = new ConsoleViews({
    store,
    conversations,
    knowledge: deps.knowledge,
    understand: deps.understand,
    loadTicket: (n) => deps.tickets.get(n),
    ticketsOf: (id) => deps.tickets.listByConversation(id),
    describeCoverage: deps.describeCoverage,
    now: deps.now,
  });
  const router = createAgentRouter({
    handoff: service,
    store,
    views,
    tickets: deps.tickets,
    agents: deps.agents,
    readActivities: (id, wm) => conversations.after(id, wm),
  });
  const sockets = new AgentSocketServer({
    agents: deps.agents,
    bus: deps.bus,
    handoff: service,
    store,
    views,
    conversations,
  });
  let closed = false;
  return {
    service,
    presence,
    router,
    handleUpgrade: (req, socket, head) => sockets.handleUpgrade(req, socket, head),
    close: () => {
      // Once, however often: the web channel's shutdown and the app's close both call it.
      if (closed) return;
      closed = true;
      clearInterval(sweeping);
      stopListening();
      sockets.close();
    },
  };
}
