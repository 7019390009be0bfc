import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server/startServer.js';
import { call, conversationSchema, openStream } from '../directline/support/dlClient.js';
import { captureLogs } from '../support/captureLogs.js';
import { testSchema } from '../support/pgSchema.js';

const { databaseUrl, create: createSchema, drop: dropSchema } = testSchema('shutdown');

/** One instance as `npm start` runs it (buildApp + startServer), on the shared schema. */
async function instance(): Promise<RunningServer> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    AGENT_HOURS: '00:00-23:59',
    SHUTDOWN_GRACE_MS: '5000',
  });
  return startServer(await buildApp(config, { logger: captureLogs('warn').logger }), config);
}

const formSchema = z.object({ fields: z.array(z.object({ key: z.string(), question: z.string() })) });
const questionOf = (key: string): string =>
  formSchema
    .parse(JSON.parse(readFileSync('knowledge/dialogs/repair-form.json', 'utf8')))
    .fields.find((f) => f.key === key)?.question ?? '';
const idSchema = z.object({ id: z.string() });

let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  await createSchema();
  a = await instance();
  b = await instance();
});

afterAll(async () => {
  await a?.shutdown('test end');
  await b?.shutdown('test end');
  await dropSchema();
});

describe('graceful shutdown with two instances on PostgreSQL', () => {
  it('when the customer’s instance gets SIGTERM mid-turn, then that turn is answered, the stream closes with 1012, and the conversation continues on the other instance', async () => {
    // The customer starts on A, the way Web Chat does.
    const minted = z
      .object({ conversationId: z.string(), token: z.string() })
      .parse((await call(a.url, 'POST', '/api/chat/token', undefined, {})).body);
    const started = conversationSchema.parse(
      (await call(a.url, 'POST', '/v3/directline/conversations', minted.token)).body,
    );
    const path = `/v3/directline/conversations/${minted.conversationId}`;
    const onA = openStream(started.streamUrl ?? '');
    await onA.opened;
    const closedWith = new Promise<number>((resolve) => onA.socket.once('close', (code) => resolve(code)));
    const replyTo = (id: string) => (sets: typeof onA.sets) =>
      sets.some((s) => s.activities.some((x) => x.replyToId === id));
    const say = async (base: string, token: string, text: string) =>
      idSchema.parse((await call(base, 'POST', `${path}/activities`, token, { type: 'message', text })).body).id;

    const report = await say(a.url, minted.token, '我要报修');
    await onA.waitFor(replyTo(report), 8000);

    // A message arrives on A and A is told to stop at once: its turn is in flight.
    const model = await say(a.url, minted.token, '型号是R5300');
    const stopping = a.shutdown('SIGTERM');
    expect(await closedWith).toBe(1012);
    await stopping;
    await expect(fetch(`${a.url}/healthz`)).rejects.toThrow(); // A accepts nothing any more

    // Web Chat reconnects: GET the conversation with its watermark (reaching B), open the new stream.
    const watermark =
      onA.sets
        .map((s) => s.watermark)
        .filter((w): w is string => w !== undefined)
        .at(-1) ?? '';
    const resumed = conversationSchema.parse(
      (await call(b.url, 'GET', `${path}?watermark=${watermark}`, minted.token)).body,
    );
    const onB = openStream(resumed.streamUrl ?? '');
    await onB.opened;
    try {
      // The in-flight turn finished on A: its reply reached the customer, live or after reconnecting.
      await onB.waitFor(() => replyTo(model)([...onA.sets, ...onB.sets]), 8000);
      const texts = [...onA.sets, ...onB.sets]
        .flatMap((s) => s.activities)
        .filter((x) => x.replyToId === model)
        .map((x) => x.text ?? '');
      expect(texts.join('\n')).toContain(questionOf('serial'));

      // The form goes on where it was, on B.
      const serial = await say(b.url, resumed.token, '序列号SN2024A00123');
      await onB.waitFor(replyTo(serial), 8000);
      const next = onB.sets
        .flatMap((s) => s.activities)
        .filter((x) => x.replyToId === serial)
        .map((x) => x.text ?? '');
      expect(next.join('\n')).toContain(questionOf('description'));
    } finally {
      onB.socket.close();
    }
    expect(onA.socket.readyState).toBe(WebSocket.CLOSED);
  });
});
