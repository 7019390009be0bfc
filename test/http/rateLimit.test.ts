import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, type Listening } from '../support/listenOnLoopback.js';
import { errorHandler } from '../../src/http/errorHandler.js';
import { rateLimit } from '../../src/http/rateLimit.js';

let clock = 0;
let base = '';
let listening: Listening;

beforeAll(async () => {
  const app = express();
  app.post('/mint', rateLimit({ limit: 3, windowMs: 1000, now: () => clock }), (_req, res) => res.json({ ok: true }));
  app.use(errorHandler);
  listening = await listenOnLoopback(app);
  base = listening.baseUrl;
});
afterAll(() => listening.close());

describe('rate limiting a route', () => {
  it('when one client exceeds the limit in a window, then it gets 429 until the window passes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${base}/mint`, { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    clock += 1000;
    expect((await fetch(`${base}/mint`, { method: 'POST' })).status).toBe(200);
  });
});
