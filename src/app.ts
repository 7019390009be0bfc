import express, { type Express } from 'express';
import type { CloudAdapter, Storage, TurnContext } from 'botbuilder';
import type { AppConfig } from './config.js';
import { createAgentService } from './agents/createAgentService.js';
import type { AgentService } from './agents/AgentService.js';
import { AfterSalesBot, type TurnInterceptor } from './bot/AfterSalesBot.js';
import { createBotStates, type BotStates } from './bot/botState.js';
import { createAdapter } from './bot/createAdapter.js';
import { createDialogServices, type DialogServiceOverrides, type DialogServices } from './bot/dialogServices.js';
import { createMessagesRouter } from './bot/messagesRoute.js';
import { createTurnErrorHandler } from './bot/turnErrorHandler.js';
import { createApiRouter } from './http/createApiRouter.js';
import { createErrorHandler, notFoundHandler } from './http/errorHandler.js';
import { createHealthRouter } from './observability/health.js';
import { loggerFromConfig, type Logger } from './observability/logger.js';
import { createMetrics, observeStoreState, type AppMetrics, type TurnMetrics } from './observability/metrics.js';
import { countRateLimited, createMetricsRouter } from './observability/metricsRoute.js';
import { requestLogging } from './observability/requestLog.js';
import { Drain } from './server/drain.js';
import { readinessChecks } from './server/readiness.js';
import { openDatabase, type DatabaseHandle } from './storage/openDatabase.js';
import { BotStateStorage } from './storage/BotStateStorage.js';
import { createTicketService } from './tickets/createTicketService.js';
import type { TicketService } from './tickets/TicketService.js';
import { KyselyUnansweredLog } from './understanding/unansweredLog.js';
import { MainDialog } from '../dialogs/MainDialog.js';
// Issue 9: exactly-once turns, abuse limits, secrets, security headers.
import { ChannelHealth } from './bot/channelDelivery.js';
import { securityHeaders } from './http/securityHeaders.js';
import { createAbuseLimits, type AbuseLimits } from './limits/createAbuseLimits.js';
import { resolveSecrets } from './secrets/resolveSecrets.js';
import { createTurnLocks } from './turns/createTurnLocks.js';
import type { TurnLocks } from './turns/turnLocks.js';
// Issue 5 (web channel: Direct Line, /chat, handoff, /agent).
import { createWebChannel, type WebChannel } from './web/createWebChannel.js';
import { ConversationOutbox } from './directline/conversationOutbox.js';
import { ConversationStore } from './directline/conversationStore.js';
import { createHandoff } from './handoff/createHandoff.js';
// Issue 14 (attachments).
import { createAttachments } from './attachments/createAttachments.js';
import { createEventBus } from './directline/createEventBus.js';
// Issue 12 (the support lead's console).
import { createAdmin, type Admin } from './admin/createAdmin.js';
import { ReviewStore } from './admin/reviewStore.js';
import { loadDomain, type Domain } from './loadDomain.js';
import { readTextSnapshot, textFingerprint } from './text/textSnapshot.js';
import { LiveLanguage } from './understanding/liveLanguage.js';
// Issue 10: the agents' desk.
import { coverageInWords } from './handoff/coverageWords.js';

export interface AppOverrides extends DialogServiceOverrides {
  /** Bot state storage; defaults to the application database. */
  storage?: Storage;
  /** The live relay's hook: return true when it handled the turn (bot stays silent). */
  interceptor?: TurnInterceptor;
  /** Defaults to JSON lines on stdout at LOG_LEVEL (src/observability/logger.ts). */
  logger?: Logger;
  /** Opens the database instead of openDatabase(config) (tests use a fresh PostgreSQL schema). */
  openDatabase?: () => Promise<DatabaseHandle>;
}

export interface BuiltApp {
  app: Express;
  adapter: CloudAdapter;
  bot: AfterSalesBot;
  /** What /api/messages runs for each activity: bot.run. */
  logic: (context: TurnContext) => Promise<void>;
  states: BotStates;
  services: DialogServices;
  tickets: TicketService;
  agents: AgentService;
  database: DatabaseHandle;
  log: Logger;
  metrics: AppMetrics;
  /** Set when shutdown begins (src/server/startServer.ts); /readyz answers 503 from then on. */
  drain: Drain;
  /** /metrics on its own, for METRICS_PORT (otherwise /metrics is on `app`). */
  metricsApp?: Express;
  /** Issue 5: Direct Line + /chat + handoff + /agent; wire web.handleUpgrade to the server's 'upgrade'. */
  web: WebChannel;
  /** Issue 9: rate limits and per-conversation turn locks (shared through PostgreSQL when used). */
  limits: AbuseLimits;
  locks: TurnLocks;
  /** Issue 12: /admin, /api/admin, and the per-turn outcome log its reports read. */
  admin: Admin;
  close(): Promise<void>;
}

/**
 * The domain with the lead's reviewed additions, reading the knowledge texts from the build
 * step's snapshot when it was made for this knowledge and code (start-up is then ~0.25 s shorter).
 */
async function buildDomain(config: AppConfig, reviews: ReviewStore, log: Logger): Promise<Domain> {
  const reviewed = await reviews.reviewed();
  const read = readTextSnapshot(config.TEXT_SNAPSHOT_FILE, textFingerprint(config.KNOWLEDGE_DIR, reviewed.synonyms));
  if (!read.ok) log.info({ reason: read.reason }, 'reading the knowledge texts at start-up');
  const snapshot = read.ok ? read.snapshot : undefined;
  const domain = loadDomain(config.KNOWLEDGE_DIR, reviewed, snapshot);
  snapshot?.release();
  return domain;
}

/**
 * Builds everything from config: database (embedded SQLite in DATA_DIR, or PostgreSQL), bot
 * state storage, tickets, agents, knowledge base, matcher, coverage engine, dialogs, bot,
 * CloudAdapter, and the express app with /api/messages, the agents' API and the error handler.
 */
export async function buildApp(config: AppConfig, overrides: AppOverrides = {}): Promise<BuiltApp> {
  const log = overrides.logger ?? (await loggerFromConfig(config));
  const onIdleClientError = (error: Error) => log.warn({ err: error }, 'idle PostgreSQL client lost its connection');
  const database = await (overrides.openDatabase
    ? overrides.openDatabase()
    : openDatabase(config, { onIdleClientError }));
  const metrics = createMetrics();
  const drain = new Drain();
  // Closed in the reverse order of opening, once, however often close() is called.
  const closing: Array<() => Promise<void>> = [() => database.close()];
  let closed: Promise<void> | undefined;
  const closeAll = (): Promise<void> =>
    (closed ??= (async () => {
      for (const close of [...closing].reverse()) await close();
    })());
  try {
    // Issue 14: the bus is built with the stores, as attachments notify agents from the dialogs too.
    const bus = await createEventBus(config.DATABASE_URL);
    closing.push(() => bus.close());
    // Issue 9: secrets from the environment, or generated into DATA_DIR/secrets.json (0600).
    const secrets = await resolveSecrets(config, database.db);
    const tickets = createTicketService(database, config);
    const attachments = createAttachments({ config, database, tickets, bus });
    const agents = createAgentService(database, config, secrets.agentTokens);
    const limits = createAbuseLimits(database, config);
    const locks = createTurnLocks(database, (error) => log.error({ err: error }, 'turn lock failed'));
    closing.push(
      () => limits.close(),
      () => locks.close(),
    );
    const channelHealth = new ChannelHealth(log);
    const stores = { unanswered: new KyselyUnansweredLog(database.db), lookupLimits: limits.ticketLookups };
    // Issue 12: the knowledge base and matcher include the lead's reviewed additions, and are
    // rebuilt when they change (unless a test swapped all three language services).
    const reviews = new ReviewStore(database.db);
    const swapped = overrides.knowledge && overrides.matcher && overrides.coverage;
    const language = swapped ? undefined : new LiveLanguage(await buildDomain(config, reviews, log));
    const services = createDialogServices(config, tickets, stores, overrides, language);
    const admin = createAdmin({
      database,
      agents,
      reviews,
      target: language ?? { build: () => undefined, use: () => undefined },
      preview: language && { language, evalFiles: config.EVAL_FILES, knowledgeDir: config.KNOWLEDGE_DIR },
      bus,
      policies: services.knowledge.policies(),
      tzOffsetMinutes: config.TZ_OFFSET_MINUTES,
      onError: (error) => log.error({ err: error }, 'reloading the reviewed knowledge failed'),
    });
    closing.push(async () => admin.close());
    // Issue 5: the conversations' log and the live handoff come before the bot: the dialogs ask
    // the handoff for an agent, and Direct Line (built after the bot) gives it held conversations.
    const outbox = new ConversationOutbox(new ConversationStore(database.db), bus);
    const handoff = createHandoff({
      db: database.db,
      bus,
      outbox,
      tickets,
      agents,
      knowledge: services.knowledge,
      understand: (text) => services.understand(text),
      describeCoverage: (record) => coverageInWords(record, services.knowledge, services.texts),
      knowledgeDir: config.KNOWLEDGE_DIR,
      agentHours: config.AGENT_HOURS,
      tzOffsetMinutes: config.TZ_OFFSET_MINUTES,
      presence: {
        awayAfterMinutes: config.QUEUE_AWAY_AFTER_MINUTES,
        leaveAfterMinutes: config.QUEUE_LEAVE_AFTER_MINUTES,
      },
      onError: (error) => log.error({ err: error }, 'queue presence sweep failed'),
      attachments: attachments.service,
      now: overrides.now,
      metrics,
    });
    closing.push(async () => handoff.close());
    const states = createBotStates(overrides.storage ?? new BotStateStorage(database.db));
    const mainDialog = new MainDialog(
      {
        ...services,
        handoff: overrides.handoff ?? handoff.service,
        attachments: attachments.desk,
        transcript: (context) => states.transcript.get(context, []),
      },
      states.memory,
      states.profile,
    );
    const turns: TurnMetrics = {
      async recordTurn(turn) {
        metrics.recordTurn(turn);
        // Labels only: the replies may repeat what the customer wrote.
        log.debug(
          {
            turn: {
              intent: turn.intent,
              outcome: turn.outcome,
              confidence: turn.confidence,
              latencyMs: turn.latencyMs,
            },
          },
          'turn',
        );
        // A report row lost is not worth failing the customer's turn over.
        await admin.outcomes
          .record(turn)
          .catch((error: unknown) => log.error({ err: error }, 'recording the turn outcome failed'));
      },
    };
    const bot = new AfterSalesBot(states, mainDialog, services.texts, overrides.interceptor, turns);
    const adapter = createAdapter(config, channelHealth);
    adapter.onTurnError = createTurnErrorHandler(states, services.texts, log);
    const logic = (context: TurnContext) => bot.run(context);

    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', config.trustProxy); // Issue 9: per-address limits see the client behind a proxy
    app.use(drain.middleware, requestLogging(log), countRateLimited(metrics));
    app.use(securityHeaders()); // Issue 9: CSP, frame-ancestors, nosniff, referrer policy, no-store on APIs
    app.use(
      createHealthRouter({ checks: readinessChecks(database, services.knowledge), draining: () => drain.draining }),
    );
    // /metrics: behind METRICS_TOKEN if set; on its own port with METRICS_PORT; else loopback only.
    const metricsRouter = createMetricsRouter(metrics.registry, {
      token: config.METRICS_TOKEN,
      loopbackOnly: config.METRICS_PORT === undefined,
    });
    const onHttpError = createErrorHandler((error, where) => log.error({ err: error, ...where }, 'request failed'));
    const metricsApp =
      config.METRICS_PORT === undefined ? undefined : express().use(metricsRouter, notFoundHandler, onHttpError);
    if (!metricsApp) app.use(metricsRouter);
    const messageLimits = { perConversation: limits.messagesPerConversation, perAddress: limits.messagesPerAddress };
    app.use(
      '/api',
      createMessagesRouter({
        adapter,
        logic,
        channelAuth: config.channelAuth,
        serviceUrlAllowlist: config.serviceUrlAllowlist,
        locks,
        limits: messageLimits,
        health: channelHealth,
      }),
    );
    app.use('/api', createApiRouter({ tickets, agents, logins: limits.logins }));
    // Issue 5: web channel (src/web, src/directline, src/handoff).
    const web = await createWebChannel({
      config,
      adapter,
      logic,
      outbox,
      handoff,
      tickets,
      agents,
      bus,
      attachments: attachments.service,
      now: overrides.now,
      onError: (error) => log.error({ err: error }, 'Direct Line turn failed'),
      onShed: () => metrics.recordShed(),
      secrets,
      locks,
      limits,
    });
    closing.push(() => web.close());
    observeStoreState(metrics.registry, {
      ticketsByState: () => tickets.countByState(),
      queue: () => web.handoff.service.queueStats(),
      openDirectLineStreams: () => web.directLine.openStreams(),
    });
    app.use(web.router);
    app.use(admin.router); // Issue 12: /admin and /api/admin (admin role)
    app.use(notFoundHandler); // unknown paths: JSON 404, not express's HTML page
    app.use(onHttpError);
    return {
      app,
      adapter,
      bot,
      logic,
      states,
      services,
      tickets,
      agents,
      database,
      log,
      metrics,
      drain,
      metricsApp,
      web,
      limits,
      locks,
      admin,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
