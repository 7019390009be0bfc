import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How the child server should crash (see crashingServer.ts). */
export interface CrashPlan {
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  killAtQuery?: number;
  killAfterStateSave?: boolean;
  armOn?: { conversationId: string; text: string };
}

export interface ChildServer {
  baseUrl: string;
  pid: number;
  /** Resolves with the signal (SIGKILL when the fault fired) or exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** Ends the child (SIGTERM, then SIGKILL) and waits for it. */
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./crashingServer.ts', import.meta.url));

/** Starts the application in a child process (loopback, ephemeral port) and waits until it listens. */
export async function startChild(plan: CrashPlan, startTimeoutMs = 60_000): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`child did not start in ${startTimeoutMs} ms: ${stderr}`)),
      startTimeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = /\{"port":(\d+)\}/.exec(out);
      if (line?.[1]) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${String(how)}) before listening: ${stderr}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(late);
    },
  };
}
