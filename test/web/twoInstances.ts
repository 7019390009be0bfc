import type { AppOverrides } from '../../src/app.js';
import { sharedSecrets, type TestSchema } from '../support/pgSchema.js';
import { startApp, type RunningApp } from './startApp.js';

/** Two instances of one deployment on a fresh PostgreSQL schema, started by startTwoInstances. */
export interface TwoInstances {
  a: RunningApp;
  b: RunningApp;
  /** Stops both and drops the schema. */
  stop(): Promise<void>;
}

/**
 * Creates the schema and starts two instances sharing it and, as the README asks of a deployment,
 * the secrets from the environment; each has its own DATA_DIR. `env` adds to what they share.
 */
export async function startTwoInstances(
  schema: TestSchema,
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<TwoInstances> {
  await schema.create();
  const shared = { DATABASE_URL: schema.databaseUrl, ...sharedSecrets(), ...env };
  const started: RunningApp[] = [];
  const stop = async () => {
    for (const app of started) await app.stop();
    await schema.drop();
  };
  try {
    const a = await startApp(shared, overrides);
    started.push(a);
    const b = await startApp(shared, overrides);
    started.push(b);
    return { a, b, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
