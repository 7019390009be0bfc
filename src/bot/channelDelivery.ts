import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ConnectorClientOptions } from 'botframework-connector';
import type { Logger } from '../observability/logger.js';

type ChannelHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type OutgoingRequest = Parameters<ChannelHttpClient['sendRequest']>[0];
type ChannelResponse = Awaited<ReturnType<ChannelHttpClient['sendRequest']>>;
type ResponseHeaders = ChannelResponse['headers'];

/** One attempt at a reply may take this long; a second attempt follows a 5xx or 429 only. */
const ATTEMPT_TIMEOUT_MS = 800;
const RETRY_DELAY_MS = 150;
/** After a failure, replies to that host fail at once for this long (and it is logged once). */
export const DOWN_FOR_MS = 30_000;

/** The code of a reply the channel could not take; the HTTP pipeline does not retry it. */
export const CHANNEL_UNREACHABLE = 'CHANNEL_UNREACHABLE';

/** A reply that could not be delivered to the activity's serviceUrl. */
export class ChannelUnreachableError extends Error {
  readonly code = CHANNEL_UNREACHABLE;

  constructor(
    readonly host: string,
    reason: string,
  ) {
    super(`回复无法送达 ${host}：${reason}`);
    this.name = 'ChannelUnreachableError';
  }
}

/** Whether an error (or one it wraps: a cause, or a dialog's DialogContextError) is a failed delivery to the channel. */
export function isChannelUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if ('code' in e && e.code === CHANNEL_UNREACHABLE) return true;
    e = 'error' in e && e.error instanceof Error ? e.error : e.cause;
  }
  return false;
}

/**
 * Which channel hosts (serviceUrl hosts) are failing. A failure marks a host down for
 * DOWN_FOR_MS and is logged once; while it is down, replies to it fail at once and
 * /api/messages answers 503 before running a turn whose replies could not be delivered.
 */
export class ChannelHealth {
  private readonly downUntil = new Map<string, number>();

  constructor(
    private readonly log: Pick<Logger, 'info'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the host may be tried again; 0 when it is not known to be down. */
  downFor(host: string): number {
    const until = this.downUntil.get(host);
    if (until === undefined) return 0;
    if (until > this.now()) return until - this.now();
    this.downUntil.delete(host);
    return 0;
  }

  markDown(host: string, reason: string): void {
    if (this.downFor(host) === 0)
      this.log.info(`回复无法送达 ${host}（${reason}）：${DOWN_FOR_MS / 1000} 秒内发往它的回复直接失败`);
    this.downUntil.set(host, this.now() + DOWN_FOR_MS);
  }

  markUp(host: string): void {
    this.downUntil.delete(host);
  }
}

/**
 * Connector options for replies to channels: an HTTP client with a short timeout per attempt,
 * one retry after a 5xx or 429, and fast failure while a host is down. The SDK's default
 * pipeline retries a dead serviceUrl with backoff for about ten seconds, holding the channel's
 * request all that time, and cannot reach IPv6 literals such as http://[::1]:port.
 */
export function boundedConnectorOptions(health: ChannelHealth): ConnectorClientOptions {
  return { httpClient: new BoundedChannelClient(health) };
}

class BoundedChannelClient implements ChannelHttpClient {
  constructor(private readonly health: ChannelHealth) {}

  async sendRequest(request: OutgoingRequest): Promise<ChannelResponse> {
    const url = new URL(request.url);
    if (this.health.downFor(url.host) > 0) throw new ChannelUnreachableError(url.host, '最近已无法连接');
    const body: unknown = request.body;
    const payload =
      typeof body === 'string' ? body : body === undefined || body === null ? undefined : JSON.stringify(body);
    let failure = '';
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      try {
        const response = await send(url, request.method, request.headers.toJson({ preserveCase: true }), payload);
        if (response.status < 500 && response.status !== 429) {
          this.health.markUp(url.host);
          return {
            request,
            status: response.status,
            headers: new PlainHeaders(response.headers),
            bodyAsText: response.text,
          };
        }
        failure = `HTTP ${response.status}`;
      } catch (error) {
        // A refused connection or a timeout will not be different 150 ms later.
        failure = error instanceof Error ? describe(error) : String(error);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
    this.health.markDown(url.host, failure);
    throw new ChannelUnreachableError(url.host, failure);
  }
}

/** One HTTP request with the attempt's timeout; node's http takes IPv6 literals that fetch-style clients mishandle. */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  payload: string | undefined,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const call = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = call(url, { method, headers, timeout: ATTEMPT_TIMEOUT_MS }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: res.statusCode ?? 0, headers: flat, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    // 'timeout' fires after ATTEMPT_TIMEOUT_MS without activity (connecting included).
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`超过 ${ATTEMPT_TIMEOUT_MS} ms 无响应`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function describe(error: Error): string {
  return 'code' in error && typeof error.code === 'string' ? error.code : error.message;
}

/** The response headers in the shape the connector's pipeline reads. */
class PlainHeaders implements ResponseHeaders {
  private readonly map = new Map<string, { name: string; value: string }>();

  constructor(headers: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(headers)) this.set(name, value);
  }

  set(headerName: string, headerValue: string | number): void {
    this.map.set(headerName.toLowerCase(), { name: headerName, value: String(headerValue) });
  }

  get(headerName: string): string | undefined {
    return this.map.get(headerName.toLowerCase())?.value;
  }

  contains(headerName: string): boolean {
    return this.map.has(headerName.toLowerCase());
  }

  remove(headerName: string): boolean {
    return this.map.delete(headerName.toLowerCase());
  }

  rawHeaders(): Record<string, string> {
    return this.toJson();
  }

  headersArray(): Array<{ name: string; value: string }> {
    return [...this.map.values()];
  }

  headerNames(): string[] {
    return [...this.map.values()].map((h) => h.name);
  }

  headerValues(): string[] {
    return [...this.map.values()].map((h) => h.value);
  }

  clone(): PlainHeaders {
    const copy = new PlainHeaders();
    for (const h of this.map.values()) copy.set(h.name, h.value);
    return copy;
  }

  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, h] of this.map) out[options.preserveCase ? h.name : key] = h.value;
    return out;
  }
}
