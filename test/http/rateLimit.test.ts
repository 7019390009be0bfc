import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, type Listening } from '../support/listenOnLoopback.js';
import { errorHandler } from '../../src/http/errorHandler.js';
import { limitBy } from '../../src/http/rateLimit.js';
import { createLimiterStore } from '../../src/limits/limiter.js';

let base = '';
let listening: Listening;

beforeAll(async () => {
  const app = express();
  const limiter = createLimiterStore(undefined).limiter('mint_test', { points: 3, durationSeconds: 60 });
  app.post(
    '/mint',
    limitBy(limiter, (req) => req.get('x-client') ?? 'anonymous'),
    (_req, res) => res.json({ ok: true }),
  );
  app.use(errorHandler);
  listening = await listenOnLoopback(app);
  base = listening.baseUrl;
});
afterAll(() => listening.close());

const mint = (client: string) => fetch(`${base}/mint`, { method: 'POST', headers: { 'x-client': client } });

describe('rate limiting a route', () => {
  it('when one client exceeds the limit in a window, then it gets 429 with Retry-After, and another client does not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await mint('a')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await mint('a');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe('too_many_requests');
    expect((await mint('b')).status).toBe(200);
  });
});
