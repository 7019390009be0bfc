import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ActivityHandler } from 'botbuilder';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createAdapterTurnRunner } from '../../../src/directline/botTurnRunner.js';
import { ConversationOutbox } from '../../../src/directline/conversationOutbox.js';
import { ConversationStore } from '../../../src/directline/conversationStore.js';
import { createDirectLine, type DirectLine } from '../../../src/directline/createDirectLine.js';
import { InProcessEventBus } from '../../../src/directline/eventBus.js';
import { AppError } from '../../../src/errors.js';
import { openDatabase, type DatabaseHandle } from '../../../src/storage/openDatabase.js';

export interface ChannelServer {
  baseUrl: string;
  directLine: DirectLine;
  database: DatabaseHandle;
  stop(): Promise<void>;
  /** Stops the HTTP server only, keeping the data dir, so a new one can "restart" on it. */
  dataDir: string;
}

/** Starts our Direct Line in front of a real CloudAdapter + bot, on an embedded store. */
export async function startChannelServer(
  bot: ActivityHandler,
  options: {
    dataDir?: string;
    secret?: string;
    port?: number;
    shedding?: { maxQueuedTurns: number; onShed: () => void };
  } = {},
): Promise<ChannelServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dl-test-'));
  const database = await openDatabase({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context) => {
    await context.sendActivity('抱歉，出错了。');
  };
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${portOf(server.address())}`;
  const bus = new InProcessEventBus();
  const directLine = await createDirectLine({
    outbox: new ConversationOutbox(new ConversationStore(database.db), bus),
    bus,
    bot: createAdapterTurnRunner(adapter, (context) => bot.run(context)),
    secret: options.secret ?? 'test-directline-secret-0123456789',
    serviceUrl: baseUrl,
    onError: (error) => console.error('turn failed', error),
    shedding: options.shedding,
  });
  await directLine.start();
  app.use(directLine.router);
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = error instanceof AppError ? error.httpStatus : 500;
    res.status(status).json({
      error: {
        code: error instanceof AppError ? error.code : 'internal',
        message: error instanceof Error ? error.message : 'error',
      },
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!directLine.handleUpgrade(req, socket, head)) socket.destroy();
  });
  return {
    baseUrl,
    directLine,
    database,
    dataDir,
    async stop() {
      directLine.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

/** Removes a temporary data dir. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The port of a listening TCP server. */
export function portOf(address: AddressInfo | string | null): number {
  if (!address || typeof address === 'string') throw new Error('server is not listening on TCP');
  return address.port;
}
