import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { loggerFromConfig, type Logger } from './observability/logger.js';
import { startServer } from './server/startServer.js';
import { z } from 'zod';

// zod compiles each object schema into a function on its first parse; start-up parses a hundred
// schemas once each (knowledge files, config), so interpreting them is faster overall here.
z.config({ jitless: true });

let log: Logger | undefined;

/**
 * Starts the bot server: config from the environment, JSON logs on stdout, listen on HOST:PORT
 * (loopback by default); SIGTERM or SIGINT shut it down gracefully (src/server/startServer.ts).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  log = await loggerFromConfig(config);
  const built = await buildApp(config, { logger: log });
  const running = await startServer(built, config);
  log.info(
    {
      store: built.database.location,
      chat: `${running.url}/chat`,
      agents: `${running.url}/agent`,
      metrics: running.metricsUrl ? `${running.metricsUrl}/metrics` : `${running.url}/metrics`,
      startupMs: Math.round(performance.now()),
    },
    `listening on ${running.url}`,
  );
  const stop = (signal: NodeJS.Signals) => {
    // A second signal, or a shutdown that hangs, ends the process anyway.
    process.once(signal, () => process.exit(1));
    setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 5000).unref();
    running.shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        built.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (log) log.fatal({ err: error }, 'start-up failed');
  else process.stderr.write(`start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
