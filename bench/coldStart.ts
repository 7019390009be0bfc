import { loadavg } from 'node:os';
import { z } from 'zod';
import { spawnBuiltServer, untilAnswered } from './builtServer.js';

/**
 * Cold start and idle memory of the built server: spawn it as `npm start` does, post a policy
 * question to /api/messages until an answer comes back (process start → first answer), then
 * leave it idle and read its resident memory, then stop it with SIGTERM.
 */
export interface ColdStartOptions {
  runs: number;
  /** How long the server idles after its first answer before RSS is read. */
  idleMs: number;
}

export interface ColdStartRun {
  firstAnswerMs: number;
  /** CPU of the main thread up to the first answer: what start-up costs, whatever else the machine runs. */
  mainThreadCpuMs: number | undefined;
  idleRssMb: number | undefined;
  shutdownMs: number;
}

export interface ColdStartResult {
  options: ColdStartOptions;
  runs: ColdStartRun[];
  /** 1-minute load average when the runs started (2 cores: above 2 the numbers are inflated). */
  loadAverage: number;
}

// Our own question (not evaluation data): what a customer often asks first.
const FIRST_QUESTION = '服务器保修几年？';
const repliesSchema = z.object({ activities: z.array(z.object({ text: z.string().optional() }).loose()).min(1) });

async function oneRun(idleMs: number): Promise<ColdStartRun> {
  const server = await spawnBuiltServer();
  try {
    const activity = {
      type: 'message',
      id: 'cold-1',
      channelId: 'emulator',
      serviceUrl: 'http://localhost:9',
      deliveryMode: 'expectReplies',
      conversation: { id: 'cold-start' },
      from: { id: 'bench' },
      recipient: { id: 'bot' },
      locale: 'zh-CN',
      text: FIRST_QUESTION,
    };
    await untilAnswered(server, async () => {
      const res = await fetch(`${server.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return res.ok ? repliesSchema.parse(await res.json()) : undefined;
    });
    const firstAnswerMs = performance.now() - server.spawnedAt;
    const mainThreadCpuMs = server.mainThreadCpuMs();
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const idleRssMb = server.rssMb();
    return { firstAnswerMs, mainThreadCpuMs, idleRssMb, shutdownMs: await server.stop() };
  } finally {
    await server.stop();
  }
}

export async function measureColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const loadAverage = loadavg()[0] ?? 0;
  const runs: ColdStartRun[] = [];
  for (let i = 0; i < options.runs; i++) runs.push(await oneRun(options.idleMs));
  return { options, runs, loadAverage };
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};
const defined = (xs: Array<number | undefined>): number[] => xs.filter((x): x is number => x !== undefined);

/** Medians over the runs, for the report and the README. */
export function summariseColdStart(result: ColdStartResult): {
  firstAnswerMs: number;
  mainThreadCpuMs: number;
  idleRssMb: number;
  shutdownMs: number;
} {
  return {
    firstAnswerMs: median(result.runs.map((r) => r.firstAnswerMs)),
    mainThreadCpuMs: median(defined(result.runs.map((r) => r.mainThreadCpuMs))),
    idleRssMb: median(defined(result.runs.map((r) => r.idleRssMb))),
    shutdownMs: median(result.runs.map((r) => r.shutdownMs)),
  };
}

export function formatColdStart(result: ColdStartResult): string {
  const s = summariseColdStart(result);
  const each = result.runs.map((r) => `${(r.firstAnswerMs / 1000).toFixed(2)} s`).join(', ');
  return [
    `cold start (npm start's node on dist/, fresh store, ${result.options.runs} run(s); load average ${result.loadAverage.toFixed(1)} on 2 cores)`,
    `  process start → first answer: median ${(s.firstAnswerMs / 1000).toFixed(2)} s (${each}); main-thread CPU ${(s.mainThreadCpuMs / 1000).toFixed(2)} s`,
    `  idle RSS with the knowledge base loaded (${result.options.idleMs / 1000} s after the first answer): ${s.idleRssMb.toFixed(0)} MB`,
    `  graceful shutdown on SIGTERM: ${s.shutdownMs.toFixed(0)} ms`,
  ].join('\n');
}
