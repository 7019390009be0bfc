import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

export interface RateLimitOptions {
  /** Requests allowed per client within one window. */
  limit: number;
  windowMs: number;
  now?: () => number;
}

/**
 * A fixed-window limit per client address, kept in this process: it protects one instance
 * from a flood (e.g. minting conversations), it is not shared state the product relies on.
 */
export function rateLimit({ limit, windowMs, now = Date.now }: RateLimitOptions): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, _res, next) => {
    const t = now();
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const w = windows.get(key);
    if (!w || t - w.start >= windowMs) {
      // Forget stale clients now and then so the map stays small.
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
      windows.set(key, { start: t, count: 1 });
      return next();
    }
    w.count += 1;
    if (w.count > limit) {
      return next(new AppError('too_many_requests', '请求过于频繁，请稍后再试。(Too many requests.)', { retryAfterMs: windowMs - (t - w.start) }));
    }
    next();
  };
}
