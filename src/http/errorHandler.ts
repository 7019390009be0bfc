import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';

/** What body-parser attaches to its errors (malformed JSON, body too large, bad charset). */
const bodyParserErrorSchema = z.object({ status: z.number().int().min(400).max(499), type: z.string() });

export type ErrorLogger = (error: unknown, context: { method: string; path: string }) => void;

const bodyErrorMessages: Record<string, { code: AppError['code']; message: string }> = {
  'entity.parse.failed': { code: 'bad_request', message: '请求体不是有效的 JSON。(Malformed JSON body.)' },
  'entity.too.large': { code: 'payload_too_large', message: '请求体太大。(Request body too large.)' },
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
    if (appError.httpStatus >= 500) log(error, { method: req.method, path: req.path });
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
  const bodyError = bodyParserErrorSchema.safeParse(error);
  if (bodyError.success) {
    const known = bodyErrorMessages[bodyError.data.type];
    return known
      ? new AppError(known.code, known.message, {})
      : new AppError('bad_request', '请求体无法读取。(Unreadable request body.)', { reason: bodyError.data.type });
  }
  return new AppError('internal', '服务器内部错误。(Internal server error.)');
}

/** The error handler logging unexpected failures to stderr. */
export const errorHandler: ErrorRequestHandler = createErrorHandler((error, context) => {
  console.error(`[http] ${context.method} ${context.path} failed:`, error);
});
