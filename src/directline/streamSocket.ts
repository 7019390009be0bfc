import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseWatermark } from './activity.js';
import { linkAccessOf, type AttachmentLinks, type LinkAccess } from './attachmentLinks.js';
import { assertConversationAccess, credentialFromString } from './directLineAuth.js';
import { conversationTopic } from './conversationOutbox.js';
import type { DirectLineService } from './directLineService.js';
import type { EventBus } from './eventBus.js';
import type { TokenIssuer } from './tokens.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
const PING_INTERVAL_MS = 30_000;
/** WebSocket close code for "the server is restarting, reconnect" (RFC 6455 registry). */
export const SERVICE_RESTART = 1012;
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' };

/**
 * Bus topic of customers' connections: a stream to the conversation opened, or the last one
 * (on this instance) closed. The handoff queue marks customers who are gone as away.
 */
export const PRESENCE_TOPIC = 'directline:presence';
export const presenceSignalSchema = z.object({ conversationId: z.string(), connected: z.boolean() });
export type PresenceSignal = z.infer<typeof presenceSignalSchema>;

const signalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('activities') }),
  z.object({ kind: z.literal('typing'), activity: z.object({ id: z.string(), type: z.string() }).loose() }),
]);

export interface StreamSocketOptions {
  service: DirectLineService;
  bus: EventBus;
  tokens: TokenIssuer;
  secret: string;
  links: AttachmentLinks;
}

/**
 * The Direct Line stream: a WebSocket per client that sends activity sets
 * `{activities, watermark}` for everything after the watermark in its URL, then each new
 * activity as it is logged (on any instance, via the bus). Client heartbeats (empty strings)
 * are ignored; we ping to notice dead peers.
 */
export class StreamSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  /** Open streams per conversation on this instance (a customer may have two tabs). */
  private readonly openPerConversation = new Map<string, number>();

  constructor(private readonly options: StreamSocketOptions) {}

  /** Counts the stream and tells the bus when the customer's first one opens or last one closes. */
  private countStream(conversationId: string, delta: 1 | -1): void {
    const count = (this.openPerConversation.get(conversationId) ?? 0) + delta;
    if (count > 0) this.openPerConversation.set(conversationId, count);
    else this.openPerConversation.delete(conversationId);
    if ((delta === 1 && count === 1) || count === 0) {
      const signal: PresenceSignal = { conversationId, connected: count > 0 };
      void this.options.bus.publish(PRESENCE_TOPIC, signal).catch(() => undefined);
    }
  }

  /** Handles an HTTP upgrade if it is for a stream URL; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) return false;
    // The socket waits unanswered while the token is checked; an error ends it, not the process.
    socket.on('error', () => socket.destroy());
    const secure = 'encrypted' in req.socket && req.socket.encrypted === true;
    const origin = `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
    void this.admit(match[1], url, origin).then(
      ({ conversationId, watermark, access }) => {
        if (socket.destroyed) return;
        this.wss.handleUpgrade(req, socket, head, (ws) => {
          // Without a listener, a peer's protocol error (e.g. a frame over maxPayload) is thrown
          // as an unhandled 'error' event and ends the process; ws closes the socket itself.
          ws.on('error', () => ws.terminate());
          void this.serve(ws, conversationId, watermark, access);
        });
      },
      (error: unknown) => {
        // A malformed %-escape (URIError) or watermark is a bad request, not a crash.
        const status = error instanceof AppError ? error.httpStatus : 400;
        socket.end(
          `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
        );
      },
    );
    return true;
  }

  /** The conversation and watermark a stream URL asks for, once its token allows it, and the links it may open. */
  private async admit(
    encodedId: string,
    url: URL,
    origin: string,
  ): Promise<{ conversationId: string; watermark: number; access: LinkAccess }> {
    const conversationId = decodeURIComponent(encodedId);
    const watermark = parseWatermark(url.searchParams.get('watermark') ?? '');
    const credential = await credentialFromString(
      url.searchParams.get('t') ?? '',
      this.options.secret,
      this.options.tokens,
    );
    assertConversationAccess(credential, conversationId);
    return { conversationId, watermark, access: linkAccessOf(credential, conversationId, origin) };
  }

  private async serve(
    ws: WebSocket,
    conversationId: string,
    startWatermark: number,
    access: LinkAccess,
  ): Promise<void> {
    const { service, bus } = this.options;
    if (!(await service.store.get(conversationId))) return ws.close(4004, 'conversation not found');
    this.countStream(conversationId, 1);
    let watermark = startWatermark;
    let sending = Promise.resolve();
    // Reads whatever is new since the last set sent; chained so sets never overlap or repeat.
    const flush = (): void => {
      sending = sending
        .then(async () => {
          if (ws.readyState !== ws.OPEN) return;
          const set = await service.store.after(conversationId, watermark);
          if (set.activities.length === 0) return;
          watermark = Number(set.watermark);
          ws.send(JSON.stringify(this.options.links.present(set, access)));
        })
        .catch(() => ws.terminate());
    };
    const unsubscribe = bus.subscribe(conversationTopic(conversationId), (payload) => {
      const signal = signalSchema.safeParse(payload);
      if (!signal.success) return;
      if (signal.data.kind === 'activities') flush();
      else if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ activities: [signal.data.activity] }));
    });
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_INTERVAL_MS);
    ws.on('message', () => undefined); // heartbeats and anything else: clients post via REST
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      this.countStream(conversationId, -1);
    });
    flush();
  }

  /** Streams open on this instance. */
  get openCount(): number {
    return this.wss.clients.size;
  }

  /**
   * Closes every open stream (shutdown) with 1012 "service restart": Web Chat reconnects with
   * GET /v3/directline/conversations/:id?watermark=…, reaching another instance and missing nothing.
   * Peers that do not answer the close handshake are cut off after a second.
   */
  close(): void {
    for (const client of this.wss.clients) {
      client.close(SERVICE_RESTART, 'service restart');
      setTimeout(() => client.terminate(), 1000).unref();
    }
    this.wss.close();
  }
}
