import { afterAll, beforeAll, describe, it } from 'vitest';
import type { RunningApp } from '../web/startApp.js';
import { raceScenarios } from './support/raceScenarios.js';
import { testSchema } from '../support/pgSchema.js';
import { startTwoInstances, type TwoInstances } from '../web/twoInstances.js';

const schema = testSchema('race');

let a: RunningApp;
let b: RunningApp;
let instances: TwoInstances | undefined;
beforeAll(async () => {
  instances = await startTwoInstances(schema);
  ({ a, b } = instances);
});
afterAll(async () => {
  await instances?.stop();
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
