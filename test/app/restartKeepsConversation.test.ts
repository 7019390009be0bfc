import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { startApp } from './appServer.js';
import { restartMidForm } from './restartScenario.js';

const dataDir = mkdtempSync(join(tmpdir(), 'bot-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a server restart on the embedded store', () => {
  it('when the server restarts mid-form, then the customer continues where they were and the ticket carries both halves', async () => {
    await restartMidForm(() => startApp(dataDir));
  });
});
