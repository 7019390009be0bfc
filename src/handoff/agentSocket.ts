import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { AgentService } from '../agents/AgentService.js';
import type { ConversationStore } from '../directline/conversationStore.js';
import { conversationTopic } from '../directline/conversationOutbox.js';
import type { EventBus } from '../directline/eventBus.js';
import type { ConsoleViews } from './consoleViews.js';
import { QUEUE_TOPIC, type HandoffService } from './handoffService.js';
import type { HandoffStore } from './handoffStore.js';
import { TICKET_TOPIC, ticketSignalSchema } from './ticketSignals.js';
import { SERVICE_RESTART } from '../directline/streamSocket.js';

const SOCKET_PATH = '/api/handoff/socket';
const HEARTBEAT_MS = 20_000;
/** WebSocket close code for an expired login (4000–4999 are the application's). */
const TOKEN_EXPIRED = 4401;

const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('watch'),
    conversationId: conversationIdSchema,
    watermark: z.number().int().min(0).max(999_999_999).optional(),
  }),
  z.object({ type: z.literal('typing'), conversationId: conversationIdSchema }),
]);
const queueSignalSchema = z.object({
  event: z.enum(['queued', 'accepted', 'resolved', 'away', 'back', 'left']),
  conversationId: z.string(),
});
const conversationSignalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('activities') }),
  z.object({
    kind: z.literal('typing'),
    activity: z.object({ from: z.object({ role: z.string().optional() }).loose().optional() }).loose(),
  }),
]);

export interface AgentSocketDeps {
  agents: Pick<AgentService, 'authenticate'>;
  bus: EventBus;
  handoff: HandoffService;
  store: HandoffStore;
  views: ConsoleViews;
  conversations: ConversationStore;
}

/**
 * The agents' live channel (WebSocket, token in the query): queue updates with a "queued"
 * event to notify on, the watched conversation's new activities and the customer's typing.
 * Fed by the bus, so the customer may be on another instance.
 */
export class AgentSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });

  constructor(private readonly deps: AgentSocketDeps) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== SOCKET_PATH) return false;
    const token = url.searchParams.get('token') ?? '';
    // The socket stays unanswered until the session is checked; an error ends it, not the process.
    socket.on('error', () => socket.destroy());
    this.deps.agents.authenticate(token).then(
      ({ login }) => {
        if (socket.destroyed) return;
        this.wss.handleUpgrade(req, socket, head, (ws) => {
          // Without a listener, a peer's protocol error (e.g. a frame over maxPayload) is thrown
          // as an unhandled 'error' event and ends the process; ws closes the socket itself.
          ws.on('error', () => ws.terminate());
          this.serve(ws, login, token);
        });
      },
      () => socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'),
    );
    return true;
  }

  /**
   * True while the login's session is open; a logout, revocation, disabled agent or expiry
   * ends the live channel (close code 4401).
   */
  private async stillAuthorised(ws: WebSocket, token: string): Promise<boolean> {
    try {
      await this.deps.agents.authenticate(token);
      return true;
    } catch {
      ws.close(TOKEN_EXPIRED, 'token expired');
      return false;
    }
  }

  private serve(ws: WebSocket, login: string, token: string): void {
    const { bus, store, views, conversations, handoff } = this.deps;
    const send = (message: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    const sendQueue = (event?: z.infer<typeof queueSignalSchema>) =>
      views.queue().then(
        (items) => send({ type: 'queue', event, items }),
        () => undefined,
      );
    const unsubscribers = [
      bus.subscribe(QUEUE_TOPIC, (payload) => {
        const signal = queueSignalSchema.safeParse(payload);
        if (!signal.success) return;
        void sendQueue(signal.data);
        // Another agent accepted the conversation this one watches from the queue: stop streaming it.
        const current = watched;
        if (current && current.id === signal.data.conversationId) {
          void handoff.visibleTo(current.id, login).then(
            (visible) => {
              if (visible || watched !== current) return;
              current.unsubscribe();
              watched = undefined;
              send({ type: 'unwatched', conversationId: current.id });
            },
            () => undefined,
          );
        }
      }),
      // Issue 14: a customer supplemented a ticket (files); every console is told at once.
      bus.subscribe(TICKET_TOPIC, (payload) => {
        const signal = ticketSignalSchema.safeParse(payload);
        if (signal.success) send({ type: 'ticket', ...signal.data });
      }),
    ];
    let watched: { id: string; watermark: number; unsubscribe: () => void } | undefined;
    let sending = Promise.resolve();
    const flush = () => {
      const current = watched;
      if (!current) return;
      sending = sending
        .then(async () => {
          const set = await conversations.after(current.id, current.watermark);
          if (set.activities.length === 0 || watched !== current) return;
          current.watermark = Number(set.watermark);
          send({ type: 'activities', conversationId: current.id, ...set });
        })
        .catch(() => undefined);
    };
    // Messages are handled one at a time, in order, each after the session check.
    let handling = Promise.resolve();
    ws.on('message', (data) => {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.from(new Uint8Array(data)).toString('utf8');
      handling = handling.then(() => handle(text)).catch(() => undefined);
    });
    const handle = async (data: string) => {
      if (!(await this.stillAuthorised(ws, token))) return;
      const parsed = clientMessageSchema.safeParse(safeJson(data));
      if (!parsed.success) {
        // Say so (the channel stays open): a console bug should not fail silently.
        const field = parsed.error.issues[0]?.path.join('.') || 'message';
        send({ type: 'error', code: 'bad_request', message: `消息格式不正确：${field}`, field });
        return;
      }
      const message = parsed.data;
      if (message.type === 'typing') {
        void handoff.typing(message.conversationId, login).catch(() => undefined);
        return;
      }
      const id = message.conversationId;
      // Only conversations in the queue, held by this agent, or handled by them (as REST allows).
      if (!(await handoff.visibleTo(id, login))) {
        send({ type: 'error', code: 'not_found', message: '没有这个转人工会话。', field: 'conversationId' });
        return;
      }
      if (ws.readyState !== ws.OPEN) return;
      watched?.unsubscribe();
      watched = {
        id,
        watermark: message.watermark ?? 0,
        unsubscribe: bus.subscribe(conversationTopic(id), (payload) => {
          const signal = conversationSignalSchema.safeParse(payload);
          if (!signal.success) return;
          if (signal.data.kind === 'activities') flush();
          else if (signal.data.activity.from?.role === 'user') send({ type: 'typing', conversationId: id });
        }),
      };
      flush();
    };
    const beat = () => {
      void this.stillAuthorised(ws, token)
        .then((ok) => (ok ? store.touchPresence(login) : undefined))
        .catch(() => undefined);
    };
    beat();
    const heartbeat = setInterval(beat, HEARTBEAT_MS);
    void sendQueue();
    ws.on('close', () => {
      clearInterval(heartbeat);
      watched?.unsubscribe();
      for (const unsubscribe of unsubscribers) unsubscribe();
      if (![...this.wss.clients].some((c) => c !== ws && socketLogins.get(c) === login))
        void store.dropPresence(login).catch(() => undefined);
    });
    socketLogins.set(ws, login);
  }

  /** Closes every console socket (shutdown) with 1012 "service restart": the console reconnects. */
  close(): void {
    for (const client of this.wss.clients) {
      client.close(SERVICE_RESTART, 'service restart');
      setTimeout(() => client.terminate(), 1000).unref();
    }
    this.wss.close();
  }
}

const socketLogins = new WeakMap<WebSocket, string>();

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
