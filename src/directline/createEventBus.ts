import { InProcessEventBus, type EventBus } from './eventBus.js';

/** The schema named by `options=-c search_path=X` in a PostgreSQL URL, if any. */
export function searchPathOf(databaseUrl: string): string | undefined {
  const options = new URL(databaseUrl).searchParams.get('options') ?? '';
  return /search_path=([a-z_][a-z0-9_]*)/.exec(options)?.[1];
}

/**
 * The bus matching the store: LISTEN/NOTIFY when instances share PostgreSQL (one channel per
 * schema, so test schemas on one database stay apart), an in-process emitter for the embedded
 * single-machine store.
 */
export async function createEventBus(databaseUrl: string | undefined, pgSchema?: string): Promise<EventBus> {
  if (!databaseUrl) return new InProcessEventBus();
  // Loaded only here, so the embedded store starts without the PostgreSQL driver.
  const { PgEventBus } = await import('./pgEventBus.js');
  return PgEventBus.connect(databaseUrl, pgSchema ?? searchPathOf(databaseUrl) ?? 'public');
}
