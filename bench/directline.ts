import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import express from 'express';
import WebSocket from 'ws';
import { z } from 'zod';
import {
  BENCH_KEEP_ALIVE_MS,
  portOf,
  startEchoBotChannel,
  startFullApp,
  type BenchServer,
} from './directlineServers.js';

/**
 * Direct Line throughput and latency: N concurrent conversations on loopback, each posting
 * messages through our Direct Line and waiting for the bot's reply on its WebSocket stream,
 * against a bare express echo endpoint (the ceiling of HTTP on this machine). Bounded in both
 * count (conversations × turns) and time.
 */
export interface DirectLineBenchOptions {
  conversations: number;
  turnsPerConversation: number;
  /** Hard stop for each phase. */
  timeLimitMs: number;
}

export interface PhaseResult {
  /** Turns answered within the time limit, of `expected`. */
  completed: number;
  expected: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface DirectLineBenchResult {
  options: DirectLineBenchOptions;
  /** Direct Line in front of the real after-sales bot (NLU, knowledge base, dialogs, state). */
  directLine: PhaseResult;
  /** Direct Line in front of a one-line echo bot: the channel's own cost. */
  directLineEchoBot: PhaseResult;
  echo: PhaseResult;
  /** Direct Line turns/s divided by echo requests/s. */
  ratio: number;
}

// Our own everyday questions (not evaluation data): greetings and policy questions.
const MESSAGES = ['你好', '服务器保修几年', '电源坏了能换吗', '上门服务多久能到', '谢谢'];

const setSchema = z.object({
  activities: z.array(
    z
      .object({
        type: z.string(),
        replyToId: z.string().optional(),
        from: z.object({ role: z.string().optional() }).loose(),
      })
      .loose(),
  ),
});
const tokenSchema = z.object({ conversationId: z.string(), token: z.string() });
const startSchema = z.object({ streamUrl: z.string() });
const idSchema = z.object({ id: z.string() });

function summarise(latencies: number[], seconds: number, expected: number): PhaseResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    completed: sorted.length,
    expected,
    seconds,
    perSecond: sorted.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

async function postJson(url: string, token: string | undefined, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

interface Customer {
  /** Sends the turns one after another, each waiting for the bot's reply on the stream. */
  run(turns: number, deadline: number, latencies: number[]): Promise<void>;
  close(): void;
}

/** One simulated customer: token, conversation and open stream (set up before timing starts). */
async function connectCustomer(baseUrl: string): Promise<Customer> {
  const minted = tokenSchema.parse(await postJson(`${baseUrl}/api/chat/token`, undefined, {}));
  const { streamUrl } = startSchema.parse(await postJson(`${baseUrl}/v3/directline/conversations`, minted.token, {}));
  const socket = new WebSocket(streamUrl);
  const waiting = new Map<string, () => void>();
  socket.on('message', (data) => {
    for (const activity of setSchema.parse(JSON.parse(String(data))).activities) {
      if (activity.type === 'message' && activity.from.role === 'bot' && activity.replyToId)
        waiting.get(activity.replyToId)?.();
    }
  });
  await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
  return {
    async run(turns, deadline, latencies) {
      for (let i = 0; i < turns && Date.now() < deadline; i++) {
        const started = performance.now();
        // A refused post fails the run (it used to count as an instant reply).
        const replied = new Promise<void>((resolve, reject) => {
          const text = MESSAGES[i % MESSAGES.length] ?? '你好';
          postJson(`${baseUrl}/v3/directline/conversations/${minted.conversationId}/activities`, minted.token, {
            type: 'message',
            text,
          })
            .then((body) => waiting.set(idSchema.parse(body).id, resolve))
            .catch(reject);
        });
        const timedOut = await Promise.race([
          replied.then(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(true), Math.max(0, deadline - Date.now()))),
        ]);
        if (timedOut) break;
        latencies.push(performance.now() - started);
      }
    },
    close: () => socket.close(),
  };
}

async function benchDirectLine(
  options: DirectLineBenchOptions,
  start: (conversations: number) => Promise<BenchServer>,
): Promise<PhaseResult> {
  const server = await start(options.conversations + 1);
  try {
    // Warm-up: one conversation, so JIT and caches do not count against the first turns.
    const warm = await connectCustomer(server.baseUrl);
    await warm.run(2, Date.now() + 10_000, []);
    warm.close();
    const customers = await Promise.all(
      Array.from({ length: options.conversations }, () => connectCustomer(server.baseUrl)),
    );
    const latencies: number[] = [];
    const begun = performance.now();
    const deadline = Date.now() + options.timeLimitMs;
    await Promise.all(customers.map((c) => c.run(options.turnsPerConversation, deadline, latencies)));
    const result = summarise(
      latencies,
      (performance.now() - begun) / 1000,
      options.conversations * options.turnsPerConversation,
    );
    customers.forEach((c) => c.close());
    return result;
  } finally {
    await server.stop();
  }
}

async function benchEcho(options: DirectLineBenchOptions): Promise<PhaseResult> {
  const app = express();
  app.post('/echo', express.json(), (req, res) => res.json(req.body));
  // The client keeps its connections between warm-up and timing; Node's 5 s idle timeout
  // would close them under it (ECONNRESET on a busy machine). Likewise in directlineServers.ts.
  const server = createServer({ keepAliveTimeout: BENCH_KEEP_ALIVE_MS }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${portOf(server)}/echo`;
  try {
    // Warm-up: open the keep-alive connections the timed phase reuses.
    await Promise.all(
      Array.from({ length: options.conversations }, () => postJson(url, undefined, { type: 'message', text: '预热' })),
    );
    const latencies: number[] = [];
    const start = performance.now();
    const deadline = Date.now() + options.timeLimitMs;
    await Promise.all(
      Array.from({ length: options.conversations }, async () => {
        for (let i = 0; i < options.turnsPerConversation && Date.now() < deadline; i++) {
          const t = performance.now();
          await postJson(url, undefined, { type: 'message', text: MESSAGES[i % MESSAGES.length] });
          latencies.push(performance.now() - t);
        }
      }),
    );
    return summarise(
      latencies,
      (performance.now() - start) / 1000,
      options.conversations * options.turnsPerConversation,
    );
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The full run, and the quick one `npm run bench -- --quick` (and CI) makes. */
export const FULL_DIRECTLINE: DirectLineBenchOptions = {
  conversations: 200,
  turnsPerConversation: 5,
  timeLimitMs: 60_000,
};
export const QUICK_DIRECTLINE: DirectLineBenchOptions = {
  conversations: 20,
  turnsPerConversation: 3,
  timeLimitMs: 15_000,
};

/** Runs both phases and returns turns/s, p50/p99 and the ratio to the echo ceiling. */
export async function runDirectLineBench(
  options: DirectLineBenchOptions = FULL_DIRECTLINE,
): Promise<DirectLineBenchResult> {
  const echo = await benchEcho(options);
  const directLineEchoBot = await benchDirectLine(options, startEchoBotChannel);
  const directLine = await benchDirectLine(options, startFullApp);
  // Too few answers means something broke (a refused token, a crashed turn): fail, do not report.
  const phases: Array<[string, PhaseResult]> = [
    ['echo', echo],
    ['Direct Line echo bot', directLineEchoBot],
    ['Direct Line bot', directLine],
  ];
  for (const [name, phase] of phases) {
    if (phase.completed < phase.expected / 2)
      throw new Error(
        `${name}: only ${phase.completed} of ${phase.expected} turns answered in ${options.timeLimitMs / 1000} s`,
      );
  }
  return { options, directLine, directLineEchoBot, echo, ratio: directLine.perSecond / echo.perSecond };
}

/** Human-readable lines for the bench report: each phase, and the bot's figures as ratios to the bare echo measured in the same run. */
export function formatDirectLineBench(result: DirectLineBenchResult): string {
  const o = result.options;
  const { echo } = result;
  const line = (name: string, r: PhaseResult) =>
    `  ${name.padEnd(38)} ${r.perSecond.toFixed(1).padStart(8)} /s  p50 ${r.p50Ms.toFixed(1).padStart(7)} ms  p99 ${r.p99Ms.toFixed(1).padStart(8)} ms  (${r.completed} in ${r.seconds.toFixed(1)} s)`;
  const ratio = (name: string, r: PhaseResult) =>
    `  ${name.padEnd(38)} throughput ${((r.perSecond / echo.perSecond) * 100).toFixed(1)} % of the echo's, p99 ${(r.p99Ms / echo.p99Ms).toFixed(1)} × the echo's`;
  return [
    `Direct Line under load (${o.conversations} concurrent conversations × ${o.turnsPerConversation} turns, loopback, client and server in one process, at most ${o.timeLimitMs / 1000} s a phase)`,
    line('Direct Line + the after-sales bot', result.directLine),
    line('Direct Line + a one-line echo bot', result.directLineEchoBot),
    line('bare express echo (the ceiling)', echo),
    ratio('the after-sales bot:', result.directLine),
    ratio('the channel alone (echo bot):', result.directLineEchoBot),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runDirectLineBench()
    .then((result) => {
      console.log(formatDirectLineBench(result));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
