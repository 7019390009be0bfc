import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from './logger.js';
import { runWithLogFields, type LogFields } from './logContext.js';

/** Paths polled by probes and scrapers: answered, not logged. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/** A caller's own request id is kept when it is a plain token. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;
/** Direct Line, handoff and console routes name their conversation in the path. */
const CONVERSATION_IN_PATH = /\/conversations\/([^/?]{1,128})/;

const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0] ?? '/';

/**
 * One line per HTTP request (pino-http), with a request id (the caller's x-request-id or a new
 * one, echoed in the response) and the conversation id when the path names one; everything
 * logged while the request is served carries both.
 */
export function requestLogging(log: Logger): RequestHandler[] {
  // The completion line is written from the response's 'finish' event, outside the request's
  // async context, so it reads the request's fields from here.
  const fieldsByResponse = new WeakMap<ServerResponse, LogFields>();
  const fieldsOf = (res: ServerResponse): LogFields => fieldsByResponse.get(res) ?? {};
  const http = pinoHttp<IncomingMessage, ServerResponse>({
    logger: log,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => QUIET_PATHS.has(pathOf(req.url)) },
    // 503 is a deliberate "try again later" (draining, a channel known to be down), not a failure.
    customLogLevel: (_req, res, error) =>
      error || (res.statusCode >= 500 && res.statusCode !== 503) ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // The query string is left out: stream URLs carry tokens.
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
    customSuccessObject: (_req, res, value: object) => ({ ...value, ...fieldsOf(res) }),
    customErrorObject: (_req, res, _error, value: object) => ({ ...value, ...fieldsOf(res) }),
  });
  const withFields: RequestHandler = (req, res, next) => {
    const fields: LogFields = {
      reqId: typeof req.id === 'object' ? JSON.stringify(req.id) : String(req.id),
      conversationId: CONVERSATION_IN_PATH.exec(req.path)?.[1],
    };
    fieldsByResponse.set(res, fields);
    runWithLogFields(fields, next);
  };
  return [http, withFields];
}
