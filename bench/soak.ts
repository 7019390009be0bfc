/**
 * `npm run soak [-- --conversations 100 --minutes 10 --think 2000-6000 --heap 256]`: the whole
 * server in a child process (as `npm start` runs it, embedded store, loopback only; V8's old
 * space capped at --heap MB as the README recommends, 0 for V8's default) and simulated customers
 * on Direct Line the way Web Chat talks: a token from /api/chat/token, the WebSocket stream,
 * one message at a time with think time between, a repair report now and then; after 8–16
 * messages a customer leaves and a new one arrives. Prints, per minute: turns, errors, latency
 * p50/p99 (message posted → reply on the stream) and the server's RSS. Bounded in time and size.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { z } from 'zod';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '100' },
    minutes: { type: 'string', default: '10' },
    think: { type: 'string', default: '2000-6000' },
    heap: { type: 'string', default: '256' },
  },
});
const heapMb = z.coerce.number().int().min(0).max(16_384).parse(values.heap);
const conversations = z.coerce.number().int().min(1).max(500).parse(values.conversations);
const minutes = z.coerce.number().positive().max(60).parse(values.minutes);
const [thinkMin, thinkMax] = z
  .string()
  .regex(/^\d+-\d+$/)
  .parse(values.think)
  .split('-')
  .map(Number);

// Our own everyday customer messages (not evaluation data): questions, small talk, a report.
const QUESTIONS = [
  '你好',
  '服务器保修几年',
  '电源坏了能换吗',
  '上门服务多久能到',
  '硬盘坏了保修吗',
  '发票丢了还能保修吗',
  '风扇坏了怎么办',
  '谢谢',
];
const REPORT = [
  '我要报修，型号R5300 序列号SN2024A00123 电话13812345678 联系人王工 地址杭州市西湖区文三路1号，硬盘指示灯一直闪红灯',
  '无',
  '无',
  '无',
  '确认',
];

const tokenSchema = z.object({ conversationId: z.string(), token: z.string() });
const startSchema = z.object({ streamUrl: z.string() });
const idSchema = z.object({ id: z.string() });
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The server's resident set size, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function postJson(url: string, token: string | undefined, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`${new URL(url).pathname}: ${res.status}`);
  return res.json();
}

interface Minute {
  latencies: number[];
  errors: number;
}

/** The first few errors, to say what went wrong. */
const errorSamples: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const thinkTime = () => (thinkMin ?? 2000) + Math.random() * ((thinkMax ?? 6000) - (thinkMin ?? 2000));

/** One customer's visit: opens a conversation, says 8–16 things (sometimes a whole report), leaves. */
async function visit(baseUrl: string, deadline: number, record: (latencyMs: number | Error) => void): Promise<void> {
  const minted = tokenSchema.parse(await postJson(`${baseUrl}/api/chat/token`, undefined, {}));
  const { streamUrl } = startSchema.parse(await postJson(`${baseUrl}/v3/directline/conversations`, minted.token, {}));
  const socket = new WebSocket(streamUrl);
  const waiting = new Map<string, () => void>();
  // A reply can reach the stream before the POST that caused it has returned its id.
  const answered = new Set<string>();
  socket.on('message', (data) => {
    for (const a of setSchema.parse(JSON.parse(String(data))).activities) {
      if (a.type !== 'message' || a.from.role !== 'bot' || !a.replyToId) continue;
      answered.add(a.replyToId);
      waiting.get(a.replyToId)?.();
    }
  });
  await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
  try {
    await postJson(`${baseUrl}/v3/directline/conversations/${minted.conversationId}/activities`, minted.token, {
      type: 'event',
      name: 'webchat/join',
    });
    const script =
      Math.random() < 0.3
        ? [...REPORT, ...QUESTIONS.slice(0, 3)]
        : Array.from(
            { length: 8 + Math.floor(Math.random() * 9) },
            () => QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)] ?? '你好',
          );
    for (const text of script) {
      if (Date.now() > deadline) return;
      const started = performance.now();
      try {
        const replied = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no reply in 30 s')), 30_000);
          postJson(`${baseUrl}/v3/directline/conversations/${minted.conversationId}/activities`, minted.token, {
            type: 'message',
            text,
          })
            .then((body) => {
              const { id } = idSchema.parse(body);
              const done = () => (clearTimeout(timer), resolve());
              if (answered.has(id)) done();
              else waiting.set(id, done);
            })
            .catch(reject);
        });
        await replied;
        record(performance.now() - started);
      } catch (error) {
        record(error instanceof Error ? error : new Error(String(error)));
      }
      await sleep(thinkTime());
    }
  } finally {
    socket.close();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'soak-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    NODE_OPTIONS: heapMb > 0 ? `--max-old-space-size=${heapMb}` : '',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    AGENT_HOURS: '00:00-23:59',
    CHAT_TOKENS_PER_MINUTE: '100000',
    MESSAGES_PER_MINUTE_PER_ADDRESS: '100000',
  };
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on('data', (chunk: Buffer) => chunk.toString('utf8').includes('已启动') && resolve());
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const pid = server.pid ?? 0;
  console.log(
    `soak: ${conversations} conversations at a time for ${minutes} min, think time ${thinkMin}-${thinkMax} ms, server pid ${pid} (${heapMb > 0 ? `--max-old-space-size=${heapMb}` : "V8's default heap limit"}), start RSS ${rssMb(pid).toFixed(0)} MB`,
  );
  console.log('minute  turns  errors   p50 ms   p99 ms   RSS MB');
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  const perMinute: Minute[] = [];
  const record = (latency: number | Error) => {
    const index = Math.floor((Date.now() - started) / 60_000);
    perMinute[index] ??= { latencies: [], errors: 0 };
    const minute = perMinute[index];
    if (typeof latency === 'number') minute.latencies.push(latency);
    else {
      minute.errors += 1;
      if (errorSamples.length < 5) errorSamples.push(latency.message);
    }
  };
  const rss: number[] = [];
  const report = setInterval(() => {
    const index = Math.floor((Date.now() - started) / 60_000) - 1;
    const minute = perMinute[index] ?? { latencies: [], errors: 0 };
    const sorted = [...minute.latencies].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    rss.push(rssMb(pid));
    console.log(
      `${String(index + 1).padStart(6)} ${String(sorted.length).padStart(6)} ${String(minute.errors).padStart(7)} ${at(0.5).toFixed(0).padStart(8)} ${at(0.99).toFixed(0).padStart(8)} ${rss.at(-1)?.toFixed(0).padStart(8)}`,
    );
  }, 60_000);
  // Customers arrive spread over the first 30 s, each followed by the next when they leave.
  await Promise.all(
    Array.from({ length: conversations }, async (_, i) => {
      await sleep((i * 30_000) / conversations);
      while (Date.now() < deadline)
        await visit(baseUrl, deadline, record).catch((error: unknown) =>
          record(error instanceof Error ? error : new Error(String(error))),
        );
    }),
  );
  clearInterval(report);
  const errors = perMinute.reduce((n, m) => n + (m?.errors ?? 0), 0);
  const turns = perMinute.reduce((n, m) => n + (m?.latencies.length ?? 0), 0);
  const warm = rss[1] ?? rss[0] ?? 0;
  const last = rss.at(-1) ?? 0;
  if (errorSamples.length) console.log(`errors, first ${errorSamples.length}: ${errorSamples.join(' | ')}`);
  console.log(
    `\n${turns} turns, ${errors} errors; RSS after warm-up (minute 2) ${warm.toFixed(0)} MB → end ${last.toFixed(0)} MB (${warm ? (((last - warm) / warm) * 100).toFixed(0) : '?'}%)`,
  );
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
