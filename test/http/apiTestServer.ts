import type { Server } from 'node:http';
import express from 'express';
import { AgentService } from '../../src/agents/AgentService.js';
import { createApiRouter } from '../../src/http/createApiRouter.js';
import { createLimiterStore } from '../../src/limits/limiter.js';
import { LoginGuard } from '../../src/limits/loginGuard.js';
import { createErrorHandler } from '../../src/http/errorHandler.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import { createTicketService } from '../../src/tickets/createTicketService.js';
import type { TicketService } from '../../src/tickets/TicketService.js';
import { sqliteFactory, type DatabaseFactory } from '../storage/databaseFactories.js';

export interface ApiTestServer {
  baseUrl: string;
  tickets: TicketService;
  agents: AgentService;
  /** The clock the agent service sees; tests move it to expire tokens. */
  clock: { now: Date };
  logged: unknown[];
  close(): Promise<void>;
}

/** The API mounted exactly as src/app.ts mounts it, on an ephemeral loopback port. */
export async function startApiTestServer(factory: DatabaseFactory = sqliteFactory()): Promise<ApiTestServer> {
  const handle: DatabaseHandle = await factory.open();
  const clock = { now: new Date() };
  const tickets = createTicketService(handle, { TZ_OFFSET_MINUTES: 480 });
  const agents = new AgentService(handle.db, {
    tokenSecret: 'test-secret-0123456789',
    tokenTtlMinutes: 60,
    now: () => clock.now,
  });
  const logged: unknown[] = [];
  const app = express();
  // Tests tell clients apart by X-Forwarded-For, as a server behind a proxy would.
  app.set('trust proxy', 'loopback');
  app.use('/api', createApiRouter({ tickets, agents, logins: new LoginGuard(createLimiterStore(undefined)) }));
  // Stand-ins for routes other engineers mount beside the API.
  app.post('/api/messages', (req, res) => {
    res.json({ reachedBot: true, bodyParsedByApi: req.body !== undefined });
  });
  app.get('/boom', () => {
    throw new Error('connection string postgres://admin:hunter2@db');
  });
  app.use(createErrorHandler((error) => logged.push(error)));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  const { port } = address;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tickets,
    agents,
    clock,
    logged,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handle.close();
      await factory.dispose();
    },
  };
}
