import { EventEmitter } from 'node:events';
import pg from 'pg';
import { z } from 'zod';
import { withDefaultUser } from '../storage/openDatabase.js';
import type { BusHandler, EventBus } from './eventBus.js';

const envelopeSchema = z.object({ topic: z.string(), payload: z.unknown() });

/** NOTIFY payloads must stay under PostgreSQL's 8000-byte limit. */
const MAX_PAYLOAD_BYTES = 7900;

/**
 * The bus for instances sharing PostgreSQL: LISTEN on one dedicated connection, NOTIFY through
 * another. Every instance (including the sender) receives each message through LISTEN, so local
 * and remote subscribers behave the same.
 */
export class PgEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  private listener: pg.Client | undefined;
  private readonly sender: pg.Pool;
  private closed = false;

  private readonly url: string;

  private constructor(
    url: string,
    private readonly channel: string,
  ) {
    this.url = withDefaultUser(url);
    this.emitter.setMaxListeners(0);
    this.sender = new pg.Pool({ connectionString: this.url, max: 2 });
    // An idle connection dropping must not crash the process; the pool reconnects on next use.
    this.sender.on('error', () => undefined);
  }

  /** Connects and starts listening. `namespace` keeps test schemas on one database apart. */
  static async connect(url: string, namespace = 'public'): Promise<PgEventBus> {
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(namespace)) throw new Error(`Invalid bus namespace: ${namespace}`);
    const bus = new PgEventBus(url, `app_bus_${namespace}`);
    await bus.listen();
    return bus;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      const envelope = envelopeSchema.safeParse(safeJson(message.payload));
      if (envelope.success) this.emitter.emit(envelope.data.topic, envelope.data.payload);
    });
    client.on('error', () => {
      // A dropped LISTEN connection loses notifications: reconnect; sockets re-read from the DB.
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    const text = JSON.stringify({ topic, payload });
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error(`Bus message on ${topic} is too large`);
    await this.sender.query('select pg_notify($1, $2)', [this.channel, text]);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.emitter.removeAllListeners();
    await this.listener?.end().catch(() => undefined);
    await this.sender.end();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
