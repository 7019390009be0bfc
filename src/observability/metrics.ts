import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a customer's message ended: answered, an honest "not sure", outside our scope, or passed to a human. */
export const TURN_OUTCOMES = ['answered', 'abstained', 'out_of_scope', 'handoff'] as const;
export type TurnOutcome = (typeof TURN_OUTCOMES)[number];

/** One customer message handled by the bot. */
export interface TurnRecord {
  intent: string;
  outcome: TurnOutcome;
  /** The answer's confidence (0..1) when the turn gave or withheld a knowledge-base answer. */
  confidence?: number;
  latencyMs: number;
  /** The conversation, and the texts the bot replied with (for the lead's reports; never logged). */
  conversationId?: string;
  replies?: readonly string[];
}

/** What the bot records per turn; passed to it through its constructor. The bot waits for a returned promise. */
export interface TurnMetrics {
  recordTurn(turn: TurnRecord): void | Promise<void>;
}

/** What the live handoff records. */
export interface QueueMetrics {
  /** An agent took a conversation that had waited this long. */
  recordQueueWait(seconds: number): void;
}

/** State read from the stores when /metrics is scraped (shared by every instance). */
export interface StateSources {
  ticketsByState(): Promise<Record<string, number>>;
  queue(): Promise<{ length: number; oldestQueuedAt: string | null }>;
  openDirectLineStreams(): number;
  now?: () => Date;
}

export interface AppMetrics extends TurnMetrics, QueueMetrics {
  /** Counting a turn is synchronous here (the lead's outcome log is what the bot waits for). */
  recordTurn(turn: TurnRecord): void;
  /** This application's own registry (nothing is registered globally). */
  readonly registry: Registry;
  /** A request was refused with 429; `route` is a coarse path such as /api/chat. */
  recordRateLimited(route: string): void;
  /** A customer's post was refused with 503 because this instance had too many turns queued. */
  recordShed(): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const CONFIDENCE_BUCKETS = [0.1, 0.2, 0.3, 0.36, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const WAIT_BUCKETS = [5, 15, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * The Prometheus metrics of one application instance: turns by intent and outcome, answer
 * confidence, turn latency, queue wait, rate-limit refusals, and Node's own process metrics
 * (event-loop lag, memory, GC). Store-backed gauges are added by observeState.
 */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const turns = new Counter({
    name: 'bot_turns_total',
    help: 'Customer messages handled by the bot, by intent and outcome.',
    labelNames: ['intent', 'outcome'],
    registers: [registry],
  });
  const confidence = new Histogram({
    name: 'bot_answer_confidence',
    help: 'Confidence of knowledge-base answers, by outcome (answered or abstained).',
    labelNames: ['outcome'],
    buckets: CONFIDENCE_BUCKETS,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bot_turn_duration_seconds',
    help: 'Time the bot took for a customer message, from receipt to saved state.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const queueWait = new Histogram({
    name: 'handoff_queue_wait_seconds',
    help: 'How long conversations waited in the queue before an agent took them.',
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'http_rate_limited_total',
    help: 'Requests refused with 429, by route.',
    labelNames: ['route'],
    registers: [registry],
  });
  const shed = new Counter({
    name: 'directline_posts_shed_total',
    help: 'Customer posts refused with 503 (retry later) because too many turns were queued on this instance.',
    registers: [registry],
  });
  return {
    registry,
    recordTurn(turn) {
      turns.inc({ intent: turn.intent, outcome: turn.outcome });
      latency.observe(turn.latencyMs / 1000);
      if (turn.confidence !== undefined) confidence.observe({ outcome: turn.outcome }, turn.confidence);
    },
    recordQueueWait: (seconds) => queueWait.observe(seconds),
    recordRateLimited: (route) => rateLimited.inc({ route }),
    recordShed: () => shed.inc(),
  };
}

/**
 * Adds the gauges read when /metrics is scraped: open streams of this instance, and tickets by
 * state and the handoff queue from the shared store. Called once the stores exist.
 */
export function observeStoreState(registry: Registry, sources: StateSources): void {
  const now = sources.now ?? (() => new Date());
  new Gauge({
    name: 'directline_open_streams',
    help: 'Direct Line WebSocket streams open on this instance.',
    registers: [registry],
    collect() {
      this.set(sources.openDirectLineStreams());
    },
  });
  new Gauge({
    name: 'tickets',
    help: 'Tickets by state (all instances: read from the store).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [state, n] of Object.entries(await sources.ticketsByState())) this.set({ state }, n);
    },
  });
  // One query for both queue gauges; the length is collected first (registration order).
  new Gauge({
    name: 'handoff_queue_length',
    help: 'Conversations waiting for an agent (all instances: read from the store).',
    registers: [registry],
    async collect() {
      const queue = await sources.queue();
      this.set(queue.length);
      oldest.set(queue.oldestQueuedAt ? Math.max(0, (now().getTime() - Date.parse(queue.oldestQueuedAt)) / 1000) : 0);
    },
  });
  const oldest = new Gauge({
    name: 'handoff_queue_oldest_wait_seconds',
    help: 'How long the longest-waiting queued conversation has waited.',
    registers: [registry],
  });
}
