import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/observability/logger.js';
import { startServer } from '../../src/server/startServer.js';
import { call } from '../directline/support/dlClient.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { CustomerClient } from '../web/support/customerClient.js';

/** The value of one sample line of /metrics, e.g. `bot_turns_total{intent="…",outcome="…"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return undefined;
}

const scrape = async (base: string, headers: Record<string, string> = {}) =>
  (await fetch(`${base}/metrics`, { headers })).text();

describe('/metrics of a running app', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ CHAT_TOKENS_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when customers talk, ask for a human and mint too many tokens, then turns, confidence, latency, streams, queue, tickets, refusals and process figures show', async () => {
    const customer = await CustomerClient.start(app.baseUrl);
    try {
      await customer.waitForText(/售后服务小助手/);
      await customer.say('服务器保修几年');
      await customer.waitForText(/保修/);
      await customer.say('转人工');
      await customer.waitForText(/联系电话/);
      await customer.say('不用');
      await customer.waitForText(/排在第 1 位/);
      // The token route allows 3 a minute per address; the customer above used one.
      const statuses = await Promise.all(
        [1, 2, 3].map(async () => (await call(app.baseUrl, 'POST', '/api/chat/token', undefined, {})).status),
      );
      expect(statuses).toContain(429);

      const text = await scrape(app.baseUrl);
      expect(sample(text, 'bot_turns_total', { intent: 'policy_question', outcome: 'answered' })).toBe(1);
      expect(sample(text, 'bot_turns_total', { intent: 'human_agent', outcome: 'handoff' })).toBe(1);
      expect(sample(text, 'bot_answer_confidence_count', { outcome: 'answered' })).toBe(1);
      expect(sample(text, 'bot_turn_duration_seconds_count')).toBe(3);
      expect(sample(text, 'directline_open_streams')).toBe(1);
      expect(sample(text, 'handoff_queue_length')).toBe(1);
      expect(sample(text, 'tickets', { state: '未处理' })).toBe(1);
      expect(sample(text, 'http_rate_limited_total', { route: '/api/chat' })).toBe(
        statuses.filter((s) => s === 429).length,
      );
      // Nothing was queued long enough to refuse a post.
      expect(sample(text, 'directline_posts_shed_total')).toBe(0);
      expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      customer.close();
    }
  });
});

describe('who may read /metrics', () => {
  it('when METRICS_TOKEN is set, then a scrape without the token gets 401 and one with it gets the metrics', async () => {
    const app = await startApp({ METRICS_TOKEN: 'a-long-enough-metrics-token' });
    try {
      expect((await fetch(`${app.baseUrl}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-same-size!' } }))
          .status,
      ).toBe(401);
      expect(
        sample(
          await scrape(app.baseUrl, { authorization: 'Bearer a-long-enough-metrics-token' }),
          'process_resident_memory_bytes',
        ),
      ).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  });

  it('when METRICS_PORT is set, then /metrics is served there and not on the main port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'metrics-port-'));
    const config = loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', METRICS_PORT: '0' });
    const running = await startServer(await buildApp(config, { logger: silentLogger() }), config);
    try {
      expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
      expect(running.metricsUrl).toBeDefined();
      expect(sample(await scrape(running.metricsUrl ?? ''), 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      await running.shutdown('test end');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
