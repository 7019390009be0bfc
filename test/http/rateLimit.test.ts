import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/errorHandler.js';
import { rateLimit } from '../../src/http/rateLimit.js';

let clock = 0;
let base = '';
let close: () => void = () => undefined;

beforeAll(async () => {
  const app = express();
  app.post('/mint', rateLimit({ limit: 3, windowMs: 1000, now: () => clock }), (_req, res) => res.json({ ok: true }));
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  base = `http://127.0.0.1:${address.port}`;
  close = () => server.close();
});
afterAll(() => close());

describe('rate limiting a route', () => {
  it('when one client exceeds the limit in a window, then it gets 429 until the window passes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${base}/mint`, { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    clock += 1000;
    expect((await fetch(`${base}/mint`, { method: 'POST' })).status).toBe(200);
  });
});
