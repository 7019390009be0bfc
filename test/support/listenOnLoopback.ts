import type { Express } from 'express';

export interface Listening {
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves an express app on an ephemeral loopback port for one test file. */
export async function listenOnLoopback(app: Express): Promise<Listening> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
