import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { postgresFactory } from '../storage/databaseFactories.js';
import { startApp } from './appServer.js';
import { restartMidForm } from './restartScenario.js';

const factory = postgresFactory();
const dataDir = mkdtempSync(join(tmpdir(), 'restart-pg-'));
afterAll(async () => {
  await factory.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a server restart on PostgreSQL', () => {
  it('when the server restarts mid-form, then the customer continues where they were and the ticket carries both halves', async () => {
    // Instances on PostgreSQL take their secrets from the environment (no DATA_DIR file).
    const env = {
      DATABASE_URL: 'postgres://127.0.0.1:5432/test',
      DIRECTLINE_SECRET: 'restart-test-directline-secret',
      TOKEN_SECRET: 'restart-test-token-secret-012',
    };
    await restartMidForm(() => startApp(dataDir, env, { openDatabase: () => factory.open() }));
  });
});
