import express, { type RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.js';

/** Deepest nesting of arrays and objects a request body may have (activities need about 10). */
export const MAX_JSON_DEPTH = 64;

/** The error body-parser passes on when `verify` refuses a body; errorHandler maps its type. */
class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

/** How deeply the JSON text nests arrays and objects (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) deepest = Math.max(deepest, (depth += 1));
    else if (ch === 0x5d || ch === 0x7d) depth -= 1;
  }
  return deepest;
}

function refuseDeepBodies(_req: IncomingMessage, _res: unknown, buf: Buffer, encoding: string): void {
  let text: string;
  try {
    text = new TextDecoder(encoding || 'utf-8').decode(buf);
  } catch {
    return; // a charset TextDecoder lacks: body-parser's own decoding decides
  }
  // Deep nesting would overflow the stack later, when the body is copied or stored.
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new BodyTooDeepError(`JSON nested deeper than ${MAX_JSON_DEPTH}`);
}

/**
 * The JSON body parser for every route: a size limit (413), a nesting limit (400), and 415
 * when a body comes with another content type (instead of silently reading it as empty).
 * Requests without a body pass (Direct Line posts some with none).
 */
export function jsonBody(limit: string): RequestHandler {
  const parseJson = express.json({ limit, verify: refuseDeepBodies });
  return (req, res, next) => {
    const length = Number(req.headers['content-length'] ?? '0');
    const hasBody = req.headers['transfer-encoding'] !== undefined || length > 0;
    if (hasBody && !req.is(['application/json', '+json'])) {
      next(
        new AppError(
          'unsupported_media_type',
          '请求体须为 JSON（Content-Type: application/json）。(Body must be JSON.)',
          { contentType: req.headers['content-type'] ?? null },
        ),
      );
      return;
    }
    parseJson(req, res, next);
  };
}
