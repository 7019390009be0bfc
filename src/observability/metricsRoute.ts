import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { AppError } from '../errors.js';
import type { AppMetrics } from './metrics.js';

export interface MetricsAccess {
  /** When set, scrapers send `Authorization: Bearer <token>`. */
  token?: string;
  /** Without a token: refuse anyone but loopback (the main port, which customers reach). */
  loopbackOnly: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics in Prometheus' text format, behind a bearer token or for loopback only. */
export function createMetricsRouter(registry: Registry, access: MetricsAccess): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (access.token) {
      const header = req.headers.authorization ?? '';
      if (!sameSecret(header.replace(/^Bearer\s+/i, ''), access.token))
        throw new AppError('unauthorized', '需要有效的指标令牌。(Metrics token required.)');
    } else if (access.loopbackOnly && !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      throw new AppError(
        'forbidden',
        '指标只对本机开放；请设置 METRICS_TOKEN 或 METRICS_PORT。(Metrics are loopback-only.)',
      );
    }
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}

/** The first two segments of a path (/api/chat, /v3/directline): a label with few values. */
const routeOf = (path: string): string => `/${path.split('/').filter(Boolean).slice(0, 2).join('/')}`;

/** Counts every 429 the app sends, whichever limiter refused the request. */
export function countRateLimited(metrics: Pick<AppMetrics, 'recordRateLimited'>): RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode === 429) metrics.recordRateLimited(routeOf(req.originalUrl.split('?')[0] ?? '/'));
    });
    next();
  };
}
