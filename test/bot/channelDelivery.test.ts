import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../support/captureLogs.js';
import { messageActivity, post, startApp, type RunningApp } from '../app/appServer.js';

/** A channel service stand-in listening on `host`, answering the bot's replies with `status`. */
async function channelOn(host: string, status: number): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `r${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`, received };
}

const logs = captureLogs('info');
const { logger } = logs;
const messages = (level: string) =>
  logs
    .lines()
    .filter((l) => l.level === level)
    .map((l) => String(l.msg ?? ''));
let dataDir: string;
let running: RunningApp;
const servers: Server[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bot-delivery-'));
  running = await startApp(dataDir, {}, { logger });
});
afterAll(async () => {
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
  await running.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const normally = (conversation: string, id: string, serviceUrl: string, text = '你好') => ({
  ...messageActivity(conversation, text),
  deliveryMode: undefined,
  id,
  serviceUrl,
});

describe('replies posted to a channel (no deliveryMode)', () => {
  it('when the serviceUrl is unreachable, then the channel gets 503 (no retrying with backoff), it is logged once, and further requests fail without trying', async () => {
    const first = await post(running.baseUrl, normally('conv-dead', 'a1', 'http://127.0.0.1:9/'));
    expect(first.status).toBe(503);
    const second = await post(running.baseUrl, normally('conv-dead-2', 'a2', 'http://127.0.0.1:9/'));
    expect(second.status).toBe(503);
    expect(second.json).toMatchObject({ error: { code: 'unavailable', details: { field: 'serviceUrl' } } });
    expect(messages('info').filter((line) => line.includes('127.0.0.1:9'))).toHaveLength(1);
    expect(messages('error')).toEqual([]);
  });

  it('when the channel keeps answering 500, then the reply is tried twice, not more, the channel is told to retry later, and is left alone for a while', async () => {
    const failing = await channelOn('127.0.0.1', 500);
    servers.push(failing.server);
    const res = await post(running.baseUrl, normally('conv-500', 'b1', failing.url));
    expect(res.status).toBe(503);
    expect(failing.received).toHaveLength(2);
    expect((await post(running.baseUrl, normally('conv-500', 'b2', failing.url))).status).toBe(503);
    expect(failing.received).toHaveLength(2);
  });

  it('when the serviceUrl is an IPv6 loopback literal ([::1], on the default allowlist), then the replies arrive', async () => {
    const v6 = await channelOn('::1', 200);
    servers.push(v6.server);
    const res = await post(running.baseUrl, normally('conv-v6', 'c1', v6.url));
    expect(res.status).toBe(200);
    expect(v6.received).toEqual(['/v3/conversations/conv-v6/activities/c1']);
  });

  it('when a delivery failed, then the turn was not kept: the channel’s retry gets the whole answer', async () => {
    const flaky = await channelOn('127.0.0.1', 200);
    servers.push(flaky.server);
    // The first delivery goes to a dead address; the channel then retries the same activity to its live address.
    expect((await post(running.baseUrl, normally('conv-retry', 'd1', 'http://127.0.0.1:10/', '我要报修'))).status).toBe(
      503,
    );
    expect((await post(running.baseUrl, normally('conv-retry', 'd1', flaky.url, '我要报修'))).status).toBe(200);
    expect(flaky.received.length).toBeGreaterThan(0);
    const state = await running.built.database.db
      .selectFrom('bot_state')
      .select('doc')
      .where('key', 'like', 'emulator/conversations/conv-retry%')
      .executeTakeFirstOrThrow();
    expect(state.doc).toContain('RepairReportDialog');
  });
});
