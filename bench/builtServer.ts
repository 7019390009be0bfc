import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The built server as `npm start` runs it (node with the start script's flags on
 * dist/src/index.js), as a child process on loopback with a throwaway embedded store.
 */
export interface BuiltServer {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  /** Resident memory of the server process, in MB (Linux /proc). */
  rssMb(): number | undefined;
  /** CPU time of the server's main (JavaScript) thread so far, in ms (Linux /proc). */
  mainThreadCpuMs(): number | undefined;
  /** SIGTERM, then resolves with the time the graceful shutdown took (SIGKILL after 15 s). */
  stop(): Promise<number>;
}

/** A free loopback port (bound and released; the server binds it a moment later). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** `npm start`'s node arguments, so the bench measures exactly what start runs. */
export function startCommandArgs(): string[] {
  const start = z
    .object({ scripts: z.object({ start: z.string() }) })
    .parse(JSON.parse(readFileSync('package.json', 'utf8'))).scripts.start;
  const [command, ...args] = start.split(/\s+/).filter(Boolean);
  if (command !== 'node') throw new Error(`npm start is "${start}"; the bench expects "node …"`);
  return args;
}

function procField(pid: number, file: string, pattern: RegExp): string | undefined {
  try {
    return pattern.exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** Spawns the built server (run `npm run build` first) and resolves once its port accepts connections. */
export async function spawnBuiltServer(env: Record<string, string> = {}): Promise<BuiltServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-server-'));
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, startCommandArgs(), {
    env: { ...inherited, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the server');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number> => {
    const started = performance.now();
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    return performance.now() - started;
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid,
    child,
    spawnedAt,
    rssMb: () => {
      const kb = procField(pid, 'status', /VmRSS:\s+(\d+)/);
      return kb === undefined ? undefined : Number(kb) / 1024;
    },
    mainThreadCpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/task/<pid>/stat: user and system time in clock ticks (100/s).
      const fields = procField(pid, `task/${pid}/stat`, /\) (.*)/)?.split(' ');
      return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : undefined;
    },
    stop,
  };
}

/** Waits until `attempt` succeeds (the server answers), failing if the process exits or time runs out. */
export async function untilAnswered<T>(
  server: { child?: ChildProcess },
  attempt: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exitCode = server.child?.exitCode ?? null;
    if (exitCode !== null) throw new Error(`the server exited with code ${exitCode}`);
    const result = await attempt().catch(() => undefined);
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s`);
}
