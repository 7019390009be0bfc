import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type AppOverrides, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { portOf } from '../directline/support/startChannelServer.js';

export interface RunningApp {
  baseUrl: string;
  built: BuiltApp;
  dataDir: string;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts the whole application (bot, tickets, Direct Line, handoff, console) on a loopback
 * port, as `npm start` does. Agents' hours default to all day so queueing is deterministic.
 */
export async function startApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<RunningApp> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'web-app-'));
  const config = loadConfig({ DATA_DIR: dataDir, AGENT_HOURS: '00:00-23:59', LOG_LEVEL: 'error', ...env });
  const built = await buildApp(config, overrides);
  const server = createServer(built.app);
  server.on('upgrade', (req, socket, head) => built.web.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${portOf(server.address())}`,
    built,
    dataDir,
    async stop(options = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await built.close(); // ends open WebSockets, which the HTTP server does not track
      await closed;
      if (!options.keepData && !env.DATA_DIR && !env.DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
