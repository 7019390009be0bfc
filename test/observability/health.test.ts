import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createHealthRouter, type ReadinessCheck } from '../../src/observability/health.js';
import { listenOnLoopback } from '../support/listenOnLoopback.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function serve(checks: ReadinessCheck[], draining = () => false): Promise<string> {
  const app = express().use(createHealthRouter({ checks, draining, timeoutMs: 200 }));
  const server = await listenOnLoopback(app);
  stops.push(server.close);
  return server.baseUrl;
}

const passing: ReadinessCheck = { name: 'store', check: async () => ({ ok: true }) };

describe('/healthz and /readyz', () => {
  it('when every check passes, then both answer 200', async () => {
    const base = await serve([passing]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: [{ name: 'store', ok: true }] });
  });

  it('when a check throws or hangs, then /readyz answers 503 naming it, and /healthz stays 200', async () => {
    const throwing: ReadinessCheck = {
      name: 'store',
      check: async () => Promise.reject(new Error('connection refused')),
    };
    const hanging: ReadinessCheck = { name: 'knowledge', check: () => new Promise<{ ok: true }>(() => undefined) };
    const base = await serve([throwing, hanging]);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not_ready',
      checks: [
        { name: 'store', ok: false, reason: 'connection refused' },
        { name: 'knowledge', ok: false },
      ],
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('when shutdown has begun, then /readyz answers 503 draining while /healthz stays 200', async () => {
    const base = await serve([passing], () => true);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
