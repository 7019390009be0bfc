import WebSocket from 'ws';
import { z } from 'zod';

const agentMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('queue'),
    event: z.object({ event: z.string(), conversationId: z.string() }).optional(),
    items: z.array(
      z.object({ conversationId: z.string(), ticketNumber: z.string().nullable(), waitingSeconds: z.number() }).loose(),
    ),
  }),
  z.object({
    type: z.literal('activities'),
    conversationId: z.string(),
    watermark: z.string(),
    activities: z.array(
      z
        .object({
          type: z.string(),
          text: z.string().optional(),
          from: z.object({ id: z.string(), role: z.string().optional() }).loose(),
        })
        .loose(),
    ),
  }),
  z.object({ type: z.literal('typing'), conversationId: z.string() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), field: z.string() }),
  // Issue 14: a customer supplemented a ticket with files.
  z.object({
    type: z.literal('ticket'),
    event: z.literal('supplemented'),
    ticketNumber: z.string(),
    conversationId: z.string(),
    from: z.string(),
    state: z.string(),
    attachments: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number() })),
  }),
  z.object({ type: z.literal('unwatched'), conversationId: z.string() }),
]);
export type AgentMessage = z.infer<typeof agentMessageSchema>;

/** An agent's console as a test sees it: REST calls with the bearer token and the live socket. */
export class AgentClient {
  readonly messages: AgentMessage[] = [];
  private socket: WebSocket | undefined;

  private constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  static async login(baseUrl: string, login: string, password: string): Promise<AgentClient> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    const body = z.object({ token: z.string() }).parse(await res.json());
    return new AgentClient(baseUrl, body.token);
  }

  async connect(): Promise<void> {
    const socket = new WebSocket(
      `${this.baseUrl.replace('http', 'ws')}/api/handoff/socket?token=${encodeURIComponent(this.token)}`,
    );
    socket.on('message', (data) => this.messages.push(agentMessageSchema.parse(JSON.parse(String(data)))));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    this.socket = socket;
  }

  send(message: unknown): void {
    this.socket?.send(JSON.stringify(message));
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async waitFor(done: (messages: AgentMessage[]) => boolean, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.messages)) {
      if (Date.now() > deadline)
        throw new Error(`agent timed out; got ${JSON.stringify(this.messages).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Sends a raw frame, valid or not (hostile-input tests). */
  sendRaw(data: string): void {
    this.socket?.send(data);
  }

  /** Resolves with the close code once the socket closes. */
  closed(): Promise<number> {
    const socket = this.socket;
    if (!socket) return Promise.resolve(0);
    return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  close(): void {
    this.socket?.close();
  }
}

/** Every message text the agent's socket delivered for a conversation. */
export function agentSaw(messages: AgentMessage[]): string[] {
  return messages.flatMap((m) => (m.type === 'activities' ? m.activities.map((a) => a.text ?? '') : []));
}
