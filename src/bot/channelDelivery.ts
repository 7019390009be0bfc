import type { ConnectorClientOptions } from 'botframework-connector';
import type { BotLogger } from './logger.js';

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

/** Whether an error (or one it wraps) is a failed delivery to the channel. */
export function isChannelUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if ('code' in e && e.code === CHANNEL_UNREACHABLE) return true;
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
    private readonly log: Pick<BotLogger, 'info'>,
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
    if (this.downFor(host) === 0) this.log.info(`回复无法送达 ${host}（${reason}）：${DOWN_FOR_MS / 1000} 秒内发往它的回复直接失败`);
    this.downUntil.set(host, this.now() + DOWN_FOR_MS);
  }

  markUp(host: string): void {
    this.downUntil.delete(host);
  }
}

/**
 * Connector options for replies to channels: an HTTP client (fetch) with a short timeout per
 * attempt, one retry after a 5xx or 429, and fast failure while a host is down. The SDK's
 * default pipeline retries a dead serviceUrl with backoff for about ten seconds, holding the
 * channel's request all that time; and fetch reaches IPv6 literals such as http://[::1]:port.
 */
export function boundedConnectorOptions(health: ChannelHealth): ConnectorClientOptions {
  return { httpClient: new BoundedChannelClient(health) };
}

class BoundedChannelClient implements ChannelHttpClient {
  constructor(private readonly health: ChannelHealth) {}

  async sendRequest(request: OutgoingRequest): Promise<ChannelResponse> {
    const host = new URL(request.url).host;
    if (this.health.downFor(host) > 0) throw new ChannelUnreachableError(host, '最近已无法连接');
    let failure = '';
    const body: unknown = request.body;
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      // The caller's abort (if any) and this attempt's timeout, whichever comes first.
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), ATTEMPT_TIMEOUT_MS);
      request.abortSignal?.addEventListener('abort', () => controller.abort());
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers.toJson({ preserveCase: true }),
          body: typeof body === 'string' ? body : body === undefined || body === null ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
        const bodyAsText = await response.text();
        if (response.status < 500 && response.status !== 429) {
          this.health.markUp(host);
          return { request, status: response.status, headers: new PlainHeaders(response.headers), bodyAsText };
        }
        failure = `HTTP ${response.status}`;
      } catch (error) {
        failure = error instanceof Error ? describe(error) : String(error);
        // A refused connection or a timeout will not be different 150 ms later.
        break;
      } finally {
        clearTimeout(timer);
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
    this.health.markDown(host, failure);
    throw new ChannelUnreachableError(host, failure);
  }
}

function describe(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return error.name === 'TimeoutError' || error.name === 'AbortError' ? `超过 ${ATTEMPT_TIMEOUT_MS} ms 无响应` : error.message;
}

/** The response headers in the shape the connector's pipeline reads. */
class PlainHeaders implements ResponseHeaders {
  private readonly map = new Map<string, { name: string; value: string }>();

  constructor(headers?: Headers) {
    headers?.forEach((value, name) => this.set(name, value));
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
