/**
 * The one typed error of the application. Thrown for bugs, infrastructure failures and
 * refused requests (bad input at an HTTP boundary, illegal ticket transitions, missing
 * records). "The bot did not understand" is never an AppError: parsers return results.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'bad_document'
  | 'not_implemented'
  | 'unavailable'
  | 'internal';

const httpStatusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  bad_document: 500,
  not_implemented: 501,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Machine-readable details, e.g. the offending field or file:line. */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code];
  }
}

/** Result of parsing user input: data on success, a reason on failure. Never thrown. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const notParsed = <T = never>(reason: string): ParseResult<T> => ({ ok: false, reason });
