import { Router } from 'express';

/** One thing readiness depends on: ok, or why not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<{ ok: true; detail?: unknown } | { ok: false; reason: string }>;
}

export interface HealthOptions {
  checks: ReadinessCheck[];
  /** True once shutdown has begun: not ready, so load balancers stop sending new customers. */
  draining(): boolean;
  /** Longest a check may take before it counts as failed. */
  timeoutMs?: number;
}

async function run(
  check: ReadinessCheck,
  timeoutMs: number,
): Promise<{ name: string; ok: boolean; detail?: unknown; reason?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: false; reason: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return { name: check.name, ...(await Promise.race([check.check(), timeout])) };
  } catch (error) {
    return { name: check.name, ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz: the process runs and answers (liveness; stays 200 while draining, so the
 * process is not killed before in-flight turns finish). GET /readyz: 200 when every check
 * passes and we are not shutting down, else 503 with each check's result.
 */
export function createHealthRouter(options: HealthOptions): Router {
  const router = Router();
  const timeoutMs = options.timeoutMs ?? 2000;
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(options.checks.map((c) => run(c, timeoutMs)));
    const draining = options.draining();
    const ready = !draining && checks.every((c) => c.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : draining ? 'draining' : 'not_ready', checks });
  });
  return router;
}
