/**
 * Runs a conversation's turns one at a time, so a redelivered activity finds the first
 * delivery's journal entry instead of racing it, and two messages never interleave.
 */
export interface TurnLocks {
  /** Runs `task` after every earlier task for `key` has finished (here and, on PostgreSQL, on other instances). */
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A promise chain per key, dropped once it drains so idle conversations cost nothing. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task queued or running (memory checks). */
  get size(): number {
    return this.tails.size;
  }
}

/**
 * The embedded store's locks: one process owns the SQLite file, so a chain per conversation
 * is the whole story, and a crash leaves nothing behind to wait for.
 */
export class InProcessTurnLocks implements TurnLocks {
  private readonly queue = new KeyedQueue();

  withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(key, task);
  }

  async close(): Promise<void> {}
}
