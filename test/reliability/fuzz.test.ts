import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type ChildServer } from './support/childServer.js';
import { fuzzRequests } from './support/fuzzRequests.js';
import { seededRandom } from './support/seededRandom.js';

const SEED = 20_260_101;
const COUNT = 2000;
const dataDir = mkdtempSync(join(tmpdir(), 'fuzz-'));
let server: ChildServer;
let sink: Server;
let sinkUrl = '';

beforeAll(async () => {
  // Where the bot's replies go for activities without expectReplies: a channel that takes them.
  sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"ok"}'));
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const address = sink.address();
  sinkUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  server = await startChild({ dataDir });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a seeded fuzz run against a server process', () => {
  it(`when ${COUNT} hostile or broken requests arrive, then none is answered 5xx and the process is still up`, async () => {
    const requests = fuzzRequests(seededRandom(SEED), COUNT, sinkUrl);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const inFlight = 8;
    for (let i = 0; i < requests.length; i += inFlight) {
      await Promise.all(
        requests.slice(i, i + inFlight).map(async (request) => {
          const res = await fetch(
            `${server.baseUrl}${request.path.startsWith('//') ? `/${request.path}` : request.path}`,
            {
              method: request.method,
              headers: request.headers,
              body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
            },
          );
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500)
            failures.push(`${res.status} ${request.method} ${request.path} ${request.body?.slice(0, 200) ?? ''}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(COUNT);
    // Some requests got through to the bot: the run exercised more than the validators.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
    // Still up, and still answering customers.
    expect((await fetch(`${server.baseUrl}/chat`)).status).toBe(200);
    expect(await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('alive'), 100))])).toBe('alive');
  }, 120_000);
});
