import { afterAll, describe, it } from 'vitest';
import { postgresFactory } from '../storage/databaseFactories.js';
import { startApp } from './appServer.js';
import { restartMidForm } from './restartScenario.js';

const factory = postgresFactory();
afterAll(() => factory.dispose());

describe('a server restart on PostgreSQL', () => {
  it('when the server restarts mid-form, then the customer continues where they were and the ticket carries both halves', async () => {
    await restartMidForm(() => startApp('unused', { DATABASE_URL: 'postgres://127.0.0.1:5432/test' }, { openDatabase: () => factory.open() }));
  });
});
