import type { RequestHandler } from 'express';

/**
 * Whether this instance is shutting down, and the HTTP requests still being answered. Shared
 * by readiness (503 while draining), the HTTP layer and the shutdown sequence.
 */
export class Drain {
  private started = false;
  private inFlight = 0;
  private waiters: Array<() => void> = [];

  get draining(): boolean {
    return this.started;
  }

  /** From now on: not ready, and every response asks its client to reconnect (elsewhere). */
  begin(): void {
    this.started = true;
  }

  /** Resolves once no request is being answered. */
  async requestsDone(): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Counts requests in flight; while draining, answers with Connection: close. */
  readonly middleware: RequestHandler = (_req, res, next) => {
    this.inFlight += 1;
    if (this.started) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.waiters.splice(0)) resolve();
    });
    next();
  };
}
