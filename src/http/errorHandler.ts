import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * What body-parser attaches to its errors (malformed JSON, body too large, bad charset). A
 * broken gzip body comes from zlib with a status but no type.
 */
const clientErrorSchema = z.object({ status: z.number().int().min(400).max(499), type: z.string().optional() });

export type ErrorLogger = (error: unknown, context: { method: string; path: string }) => void;

const bodyErrorMessages: Record<string, { code: AppError['code']; message: string }> = {
  'entity.parse.failed': { code: 'bad_request', message: '请求体不是有效的 JSON。(Malformed JSON body.)' },
  'entity.too.large': { code: 'payload_too_large', message: '请求体太大。(Request body too large.)' },
  'entity.too.deep': { code: 'bad_request', message: '请求体嵌套层数过多。(JSON nested too deeply.)' },
  'charset.unsupported': {
    code: 'unsupported_media_type',
    message: '不支持请求体的字符集，请用 UTF-8。(Unsupported charset.)',
  },
  'encoding.unsupported': {
    code: 'unsupported_media_type',
    message: '不支持请求体的压缩方式。(Unsupported content encoding.)',
  },
};

/**
 * The one HTTP error handler: AppError -> its status with {error:{code,message,details}};
 * body-parser failures -> 400/413; anything else -> 500 with a generic message (the details go
 * to the log only, never to the client).
 */
export function createErrorHandler(log: ErrorLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const appError = toAppError(error);
    // 503 says "try later" about something already reported where it was noticed (e.g. a channel down).
    if (appError.httpStatus >= 500 && appError.code !== 'unavailable')
      log(error, { method: req.method, path: req.path });
    const retryAfterMs = appError.details.retryAfterMs;
    if ((appError.httpStatus === 429 || appError.httpStatus === 503) && typeof retryAfterMs === 'number')
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    res.status(appError.httpStatus).json({
      error: { code: appError.code, message: appError.message, details: appError.details },
    });
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) {
    // Internal failures keep their details in the log.
    return error.httpStatus === 500 ? new AppError(error.code, '服务器内部错误。(Internal server error.)') : error;
  }
  // express's router refuses a malformed %-escape in a path parameter with a 400 URIError.
  if (error instanceof URIError) return new AppError('bad_request', '请求地址中的编码无效。(Malformed URL encoding.)');
  const clientError = clientErrorSchema.safeParse(error);
  if (clientError.success) {
    const reason = clientError.data.type ?? 'unreadable';
    const known = Object.hasOwn(bodyErrorMessages, reason) ? bodyErrorMessages[reason] : undefined;
    return known
      ? new AppError(known.code, known.message, {})
      : new AppError('bad_request', '请求体无法读取。(Unreadable request body.)', { reason });
  }
  return new AppError('internal', '服务器内部错误。(Internal server error.)');
}

/** After every route: an unknown path is a JSON 404 like every other API error, not an HTML page. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new AppError('not_found', '没有这个地址。(No such route.)', { method: req.method, path: req.path.slice(0, 200) }),
  );
};

/** The error handler logging unexpected failures to stderr. */
export const errorHandler: ErrorRequestHandler = createErrorHandler((error, context) => {
  console.error(`[http] ${context.method} ${context.path} failed:`, error);
});
