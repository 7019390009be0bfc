import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createAdapterTurnRunner } from '../src/directline/botTurnRunner.js';
import { ConversationOutbox } from '../src/directline/conversationOutbox.js';
import { ConversationStore } from '../src/directline/conversationStore.js';
import { createDirectLine } from '../src/directline/createDirectLine.js';
import { InProcessEventBus } from '../src/directline/eventBus.js';
import { openDatabase } from '../src/storage/openDatabase.js';

/** Idle keep-alive connections stay open this long, so a phase's clients never race a closing socket. */
export const BENCH_KEEP_ALIVE_MS = 120_000;

/** The servers bench/directline.ts drives, each on a throwaway embedded store on loopback. */
export interface BenchServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Every simulated customer mints its conversation from this one loopback address, so the
 * per-address limit on /api/chat/token is raised to fit the run (configured, as an operator would).
 */
export const benchTokenLimit = (conversations: number): number => conversations * 2 + 10;

/** The whole application, as `npm start` runs it, on a throwaway embedded store. */
export async function startFullApp(conversations: number): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-dl-'));
  // Every simulated customer comes from 127.0.0.1: per-address abuse limits would stop the bench, not measure it.
  const built = await buildApp(
    loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      AGENT_HOURS: '00:00-23:59',
      CHAT_TOKENS_PER_MINUTE: String(benchTokenLimit(conversations)),
      MESSAGES_PER_MINUTE_PER_ADDRESS: '100000',
    }),
  );
  const server = createServer({ keepAliveTimeout: BENCH_KEEP_ALIVE_MS }, built.app);
  server.on('upgrade', (req, socket, head) => built.web.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${portOf(server)}`,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await built.close();
      await closed;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Our Direct Line in front of a bot that only echoes, on a throwaway embedded store (it has no per-address limit to size). */
export async function startEchoBotChannel(_conversations: number): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-dl-echo-'));
  const database = await openDatabase({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bus = new InProcessEventBus();
  const app = express();
  const server = createServer({ keepAliveTimeout: BENCH_KEEP_ALIVE_MS }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${portOf(server)}`;
  const directLine = await createDirectLine({
    outbox: new ConversationOutbox(new ConversationStore(database.db), bus),
    bus,
    bot: createAdapterTurnRunner(adapter, (c) => bot.run(c)),
    serviceUrl: baseUrl,
    secret: randomBytes(32).toString('base64url'),
  });
  app.use(directLine.router);
  server.on('upgrade', (req, socket, head) => directLine.handleUpgrade(req, socket, head) || socket.destroy());
  return {
    baseUrl,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      directLine.close();
      await closed;
      await bus.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The port of a listening loopback server. */
export function portOf(server: Server): number {
  const address: AddressInfo | string | null = server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return address.port;
}
