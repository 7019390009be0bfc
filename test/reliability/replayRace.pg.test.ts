import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { withDefaultUser } from '../../src/storage/openDatabase.js';
import { TEST_PG_URL } from '../storage/databaseFactories.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { raceScenarios } from './support/raceScenarios.js';

const schema = `race_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databaseUrl = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(TEST_PG_URL) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

let a: RunningApp;
let b: RunningApp;
beforeAll(async () => {
  await admin(`create schema ${schema}`);
  const env = {
    DATABASE_URL: databaseUrl,
    DIRECTLINE_SECRET: `dl-${randomBytes(16).toString('hex')}`,
    TOKEN_SECRET: `tk-${randomBytes(16).toString('hex')}`,
  };
  a = await startApp(env);
  b = await startApp(env);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await admin(`drop schema if exists ${schema} cascade`);
});

describe('the same delivery twice, racing on two instances sharing PostgreSQL', () => {
  it('when the same 确认 reaches both instances at once, then there is one ticket and both get the same replies', async () => {
    await raceScenarios.sameActivityTwice(a, b, 'pg-race-same-id');
  });

  it('when two 确认 activities reach the two instances at once, then there is one ticket and both are told its number', async () => {
    await raceScenarios.twoConfirmations(a, b, 'pg-race-double-confirm');
  });

  it('when Web Chat’s resend of a 确认 reaches the other instance while the first is in flight, then it is logged once and one ticket is filed', async () => {
    await raceScenarios.directLineResend(a, b);
  });
});
