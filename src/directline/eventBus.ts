import { EventEmitter } from 'node:events';

export type BusHandler = (payload: unknown) => void;

/**
 * Cross-instance notifications ("conversation X has new activities", "the queue changed",
 * "agent is typing"). Payloads are small JSON values; the database stays the source of truth.
 */
export interface EventBus {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

/** One process (the embedded SQLite store): an in-memory emitter. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open chat and agent socket subscribes; the default limit of 10 is meaningless here.
    this.emitter.setMaxListeners(0);
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    // Deliver after the caller continues, as a remote bus would.
    setImmediate(() => this.emitter.emit(topic, payload));
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
