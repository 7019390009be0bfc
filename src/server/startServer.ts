import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config.js';
import type { BuiltApp } from '../app.js';

export interface RunningServer {
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  /** The separate metrics listener, when METRICS_PORT is set. */
  metricsUrl?: string;
  /**
   * Graceful shutdown: stop accepting, let in-flight turns and requests finish (up to
   * SHUTDOWN_GRACE_MS), close WebSockets with 1012 so clients reconnect elsewhere, then close
   * the bus and the store. Idempotent.
   */
  shutdown(reason: string): Promise<void>;
}

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address: AddressInfo | string | null = server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on a port');
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Listens on HOST:PORT (and METRICS_PORT), wiring WebSocket upgrades; returns the shutdown. */
export async function startServer(
  built: BuiltApp,
  config: Pick<AppConfig, 'HOST' | 'PORT' | 'METRICS_PORT' | 'SHUTDOWN_GRACE_MS'>,
): Promise<RunningServer> {
  const { log, drain } = built;
  const server = createServer(built.app);
  server.on('upgrade', (req, socket, head) => {
    // A stream opened now would be cut a moment later: refuse, the client retries elsewhere.
    if (drain.draining)
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else built.web.handleUpgrade(req, socket, head);
  });
  const url = await listen(server, config.PORT, config.HOST);
  const metricsServer =
    config.METRICS_PORT !== undefined && built.metricsApp ? createServer(built.metricsApp) : undefined;
  const metricsUrl =
    metricsServer && config.METRICS_PORT !== undefined
      ? await listen(metricsServer, config.METRICS_PORT, config.HOST)
      : undefined;

  let stopping: Promise<void> | undefined;
  const stop = async (reason: string): Promise<void> => {
    const started = Date.now();
    log.info({ reason, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: no new connections, finishing turns');
    drain.begin();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const finished = Promise.all([built.web.directLine.service.drain(), drain.requestsDone()]).then(() => true);
    if (!(await Promise.race([finished, sleep(config.SHUTDOWN_GRACE_MS).then(() => false)]))) {
      log.warn(
        { graceMs: config.SHUTDOWN_GRACE_MS },
        'turns still running at the end of the grace period; closing anyway',
      );
    }
    await built.web.close(); // streams and consoles get 1012 and reconnect to another instance
    server.closeAllConnections();
    await Promise.race([closed, sleep(2000)]);
    if (metricsServer) {
      const metricsClosed = new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      metricsServer.closeAllConnections();
      await metricsClosed;
    }
    await built.close();
    log.info({ ms: Date.now() - started }, 'stopped');
  };
  return {
    url,
    metricsUrl,
    shutdown(reason) {
      stopping ??= stop(reason);
      return stopping;
    },
  };
}
