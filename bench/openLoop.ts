import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { z } from 'zod';
import { spawnBuiltServer, untilAnswered, type BuiltServer } from './builtServer.js';

/**
 * An open-loop load test that models real customers: N conversations over Direct Line on
 * loopback, each opening its stream like Web Chat and sending a message every 5–15 s (on its
 * own timetable, whether or not the last reply has come: customers do not wait for a slow
 * server before typing again). Latency is post → the bot's reply on the stream. Runs against
 * the built server as a separate process (as `npm start` runs it), so its memory is its own.
 *
 *   npm run -s load -- --customers 50,100,200 --seconds 60 [--min-gap 5 --max-gap 15] [--p99-target 300]
 *   npm run -s load -- --url http://127.0.0.1:3978 …   (a server already running: its memory is not read)
 *
 * Bounded: at most 2,000 customers and 15 minutes a level; replies later than 30 s count as lost.
 */
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '50,100,200' },
    seconds: { type: 'string', default: '60' },
    'min-gap': { type: 'string', default: '5' },
    'max-gap': { type: 'string', default: '15' },
    'p99-target': { type: 'string', default: '300' },
    url: { type: 'string' },
  },
});
const levels = values.customers.split(',').map((n) => z.coerce.number().int().min(1).max(2000).parse(n));
const seconds = z.coerce.number().min(5).max(900).parse(values.seconds);
const minGap = z.coerce.number().min(0.5).parse(values['min-gap']);
const maxGap = z.coerce.number().min(minGap).parse(values['max-gap']);
const p99Target = z.coerce.number().positive().parse(values['p99-target']);
const REPLY_TIMEOUT_MS = 30_000;

// Our own customer phrasings (not evaluation data): greetings, policy and coverage questions, thanks.
const SCRIPT = [
  '你们好，在吗',
  '服务器的保修期是多长时间',
  '硬盘坏了是换新的还是维修',
  '我在杭州，工程师上门要多久',
  '去年三月买的，电源坏了还在保修期内吗',
  '发票找不到了还能保修吗',
  '好的，谢谢',
];

const tokenSchema = z.object({ conversationId: z.string(), token: z.string() });
const startSchema = z.object({ streamUrl: z.string() });
const idSchema = z.object({ id: z.string() });
const setSchema = z.object({
  activities: z.array(z.object({ type: z.string(), replyToId: z.string().optional() }).loose()),
});

async function postJson(url: string, token: string | undefined, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${new URL(url).pathname}: ${res.status}`);
  return res.json();
}

interface LevelResult {
  customers: number;
  sent: number;
  answered: number;
  lost: number;
  errors: number;
  /** Why posts or set-ups failed ("/v3/directline/…/activities: 429", "fetch failed: ECONNRESET"), with counts. */
  errorReasons: Map<string, number>;
  latencies: number[];
  rssStartMb: number | undefined;
  rssPeakMb: number | undefined;
  rssEndMb: number | undefined;
  messagesPerSecond: number;
  /** The server's own view at the end (/metrics): slow turns and the worst event-loop stall. */
  server: { turns: number; over1s: number; over5s: number; loopLagMaxMs: number } | undefined;
}

/** One sample of Prometheus text, e.g. bot_turn_duration_seconds_bucket{le="1"}. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function serverView(baseUrl: string): Promise<LevelResult['server']> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const turns = sample(text, 'bot_turn_duration_seconds_count') ?? 0;
  const within = (le: string) => sample(text, `bot_turn_duration_seconds_bucket{le="${le}"}`) ?? 0;
  return {
    turns,
    over1s: turns - within('1'),
    over5s: turns - within('5'),
    loopLagMaxMs: (sample(text, 'nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000,
  };
}

/** Counts a failure under its reason; conversation ids are cut out so equal failures add up. */
function countError(result: LevelResult, error: unknown): void {
  result.errors++;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const reason = `${error instanceof Error ? error.message : String(error)}${cause}`.replace(
    /conversations\/[^/]+/,
    'conversations/…',
  );
  result.errorReasons.set(reason, (result.errorReasons.get(reason) ?? 0) + 1);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gapMs = () => (minGap + Math.random() * (maxGap - minGap)) * 1000;

/**
 * One conversation through the whole script before timing, so one-off costs (JIT, the date
 * recognizer loaded on the first date) do not land on a measured customer: this is steady state.
 */
async function warmUp(baseUrl: string): Promise<void> {
  for (const [i, text] of SCRIPT.entries()) {
    const activity = {
      type: 'message',
      id: `warm-${i}`,
      channelId: 'emulator',
      serviceUrl: 'http://localhost:9',
      deliveryMode: 'expectReplies',
      conversation: { id: 'load-warm-up' },
      from: { id: 'bench' },
      recipient: { id: 'bot' },
      locale: 'zh-CN',
      text,
    };
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (!res.ok) throw new Error(`warm-up: /api/messages answered ${res.status}`);
  }
}

/** One customer: Web Chat's start-up, then a message every gap until the deadline. */
async function customer(
  baseUrl: string,
  joinDelayMs: number,
  deadline: number,
  result: LevelResult,
  pending: Set<Promise<void>>,
): Promise<void> {
  await sleep(joinDelayMs);
  const minted = tokenSchema.parse(await postJson(`${baseUrl}/api/chat/token`, undefined, {}));
  const { streamUrl } = startSchema.parse(await postJson(`${baseUrl}/v3/directline/conversations`, minted.token, {}));
  const socket = new WebSocket(streamUrl);
  const waiting = new Map<string, () => void>();
  socket.on('message', (data) => {
    for (const activity of setSchema.parse(JSON.parse(String(data))).activities) {
      if (activity.type === 'message' && activity.replyToId) waiting.get(activity.replyToId)?.();
    }
  });
  await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
  const path = `${baseUrl}/v3/directline/conversations/${minted.conversationId}/activities`;
  await postJson(path, minted.token, { type: 'event', name: 'webchat/join', value: {} });
  try {
    for (let i = 0; Date.now() < deadline; i++) {
      await sleep(gapMs());
      if (Date.now() >= deadline) break;
      const sentAt = performance.now();
      result.sent++;
      // Open loop: the reply is awaited on the side; the next message keeps its own schedule.
      const turn = (async () => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const { id } = idSchema.parse(
            await postJson(path, minted.token, { type: 'message', text: SCRIPT[i % SCRIPT.length] }),
          );
          const replied = await new Promise<boolean>((resolve) => {
            waiting.set(id, () => resolve(true));
            timer = setTimeout(() => resolve(false), REPLY_TIMEOUT_MS);
          });
          waiting.delete(id);
          if (replied) {
            result.answered++;
            result.latencies.push(performance.now() - sentAt);
          } else result.lost++;
        } catch (error) {
          countError(result, error);
        } finally {
          clearTimeout(timer);
        }
      })();
      pending.add(turn);
      void turn.then(() => pending.delete(turn));
    }
  } finally {
    await Promise.all([...pending]);
    socket.close();
  }
}

/** A server someone else started (--url): driven, not measured or stopped. */
function external(baseUrl: string): Pick<BuiltServer, 'baseUrl' | 'rssMb' | 'stop'> & { child?: undefined } {
  return { baseUrl, rssMb: () => undefined, stop: async () => 0 };
}

async function runLevel(customers: number): Promise<LevelResult> {
  // Every customer mints from this one address: the per-address limit is configured to fit.
  const server = values.url
    ? external(values.url)
    : await spawnBuiltServer({ CHAT_TOKENS_PER_MINUTE: String(customers * 2 + 10) });
  try {
    await untilAnswered(server, async () => ((await fetch(`${server.baseUrl}/readyz`)).ok ? true : undefined));
    await warmUp(server.baseUrl);
    const result: LevelResult = {
      customers,
      sent: 0,
      answered: 0,
      lost: 0,
      errors: 0,
      errorReasons: new Map(),
      latencies: [],
      rssStartMb: server.rssMb(),
      rssPeakMb: undefined,
      rssEndMb: undefined,
      messagesPerSecond: 0,
      server: undefined,
    };
    const sampler = setInterval(() => {
      const rss = server.rssMb();
      if (rss !== undefined) result.rssPeakMb = Math.max(result.rssPeakMb ?? 0, rss);
    }, 1000);
    const started = Date.now();
    const deadline = started + seconds * 1000;
    const pending = new Set<Promise<void>>();
    // Customers arrive spread over the first gap, not all in the same millisecond.
    const arrivals = Array.from({ length: customers }, () =>
      customer(server.baseUrl, Math.random() * maxGap * 1000, deadline, result, pending).catch((error: unknown) =>
        countError(result, error),
      ),
    );
    await Promise.all(arrivals);
    clearInterval(sampler);
    result.rssEndMb = server.rssMb();
    result.server = await serverView(server.baseUrl);
    result.messagesPerSecond = result.sent / ((Date.now() - started) / 1000);
    return result;
  } finally {
    await server.stop();
  }
}

const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const mbText = (x: number | undefined) => (x === undefined ? '?' : x.toFixed(0));

process.stdout.write(
  `open-loop load: customers ${levels.join(', ')}, ${seconds} s each, a message every ${minGap}–${maxGap} s, Direct Line on loopback against the built server (load average ${(loadavg()[0] ?? 0).toFixed(1)} on 2 cores)\n`,
);
process.stdout.write(
  `customers   msgs/s   sent  answered  lost  errors     p50      p90      p99      max   server RSS start/peak/end\n`,
);
let held: number | undefined;
for (const level of levels) {
  const r = await runLevel(level);
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const p99 = at(sorted, 0.99);
  const ok = r.lost === 0 && r.errors === 0 && p99 <= p99Target;
  if (ok) held = Math.max(held ?? 0, level);
  process.stdout.write(
    `${String(level).padStart(9)} ${r.messagesPerSecond.toFixed(1).padStart(8)} ${String(r.sent).padStart(6)} ${String(r.answered).padStart(9)} ${String(r.lost).padStart(5)} ${String(r.errors).padStart(7)} ` +
      `${at(sorted, 0.5).toFixed(0).padStart(6)} ms ${at(sorted, 0.9).toFixed(0).padStart(5)} ms ${p99.toFixed(0).padStart(5)} ms ${(sorted.at(-1) ?? NaN).toFixed(0).padStart(5)} ms   ${mbText(r.rssStartMb)}/${mbText(r.rssPeakMb)}/${mbText(r.rssEndMb)} MB${ok ? '' : '  ✗'}\n`,
  );
  for (const [reason, count] of r.errorReasons) process.stdout.write(`          ${count} × ${reason}\n`);
  if (r.server)
    process.stdout.write(
      `          server: ${r.server.turns} bot turns, ${r.server.over1s} over 1 s, ${r.server.over5s} over 5 s; worst event-loop stall ${r.server.loopLagMaxMs.toFixed(0)} ms\n`,
    );
}
process.stdout.write(
  held === undefined
    ? `no level held p99 ≤ ${p99Target} ms without losses\n`
    : `largest level holding p99 ≤ ${p99Target} ms without losses: ${held} customers\n`,
);
process.exit(0);
