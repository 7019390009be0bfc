import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { Limiter } from '../limits/limiter.js';

/** The client's address as express sees it: behind a proxy, only as TRUST_PROXY allows. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** A 429 with how long to wait (the error handler turns retryAfterMs into Retry-After). */
export function tooManyRequests(retryAfterMs: number): AppError {
  return new AppError('too_many_requests', '请求过于频繁，请稍后再试。(Too many requests.)', { retryAfterMs });
}

/**
 * Express middleware counting each request against `limiter` under the key `keyOf` gives
 * (none: not counted); over the limit it answers 429 and the route does not run.
 */
export function limitBy(limiter: Limiter, keyOf: (req: Request) => string | undefined): RequestHandler {
  return async (req, _res, next) => {
    const key = keyOf(req);
    if (key === undefined) return next();
    const result = await limiter.consume(key);
    if (!result.allowed) throw tooManyRequests(result.retryAfterMs);
    next();
  };
}
