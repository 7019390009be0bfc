import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { startChild, type ChildServer } from './support/childServer.js';
import { DirectLineCustomer } from './support/directLineCustomer.js';
import { reachSummary, REPAIR_OPENING, say, TICKET_NUMBER } from './support/talk.js';
import { sharedSecrets, testSchema } from '../support/pgSchema.js';

const summary = loadDialogKnowledge('knowledge').wording.repair.summaryHeader;
const { databaseUrl, create: createSchema, drop: dropSchema } = testSchema('crash');
const env = {
  ...sharedSecrets(),
};
const dataDir = mkdtempSync(join(tmpdir(), 'crash-pg-'));
/** The turn lease a dead instance used to leave behind; waiting anywhere near it means the lock did not die with its holder. */
const LEASE_WAS_MS = 15_000;

let survivor: RunningApp;
const children: ChildServer[] = [];
beforeAll(async () => {
  await createSchema();
  survivor = await startApp({ ...env, DATABASE_URL: databaseUrl });
});
afterAll(async () => {
  for (const child of children) await child.stop();
  await survivor?.stop();
  await dropSchema();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ticketsOf(conversationId: string): Promise<string[]> {
  return (
    await survivor.built.database.db
      .selectFrom('tickets')
      .select('number')
      .where('conversation_id', '=', conversationId)
      .execute()
  ).map((r) => r.number);
}

describe('an instance killed with SIGKILL during 确认, another instance still up (PostgreSQL)', () => {
  it('when the dying instance had committed the ticket and held the conversation’s turn lock, then the retry on the other instance is answered at once (no lease to wait out) with that one ticket', async () => {
    const doomed = await startChild({
      dataDir,
      databaseUrl,
      env,
      killAtQuery: 5,
      armOn: { conversationId: 'pg-crash-1', text: '确认' },
    });
    children.push(doomed);
    await reachSummary(doomed.baseUrl, 'pg-crash-1', summary);
    const id = randomUUID();
    expect((await say(doomed.baseUrl, 'pg-crash-1', '确认', id)).status).toBe(0);
    expect(await doomed.exited).toBe('SIGKILL');
    const started = Date.now();
    const retried = await say(survivor.baseUrl, 'pg-crash-1', '确认', id);
    // A lease would hold the retry until it lapsed (30 s before); the dead session's lock is free at once.
    // (How fast exactly is measured by test/reliability/killRun.ts, not asserted here.)
    expect(Date.now() - started).toBeLessThan(LEASE_WAS_MS);
    const tickets = await ticketsOf('pg-crash-1');
    expect(tickets).toHaveLength(1);
    expect(TICKET_NUMBER.exec(retried.texts)?.[0]).toBe(tickets[0]);
  }, 90_000);

  it('when it dies mid-turn over Direct Line, then Web Chat’s resend to the other instance is answered at once with the one ticket', async () => {
    const doomedOpen = await startChild({ dataDir, databaseUrl, env });
    children.push(doomedOpen);
    const customer = await DirectLineCustomer.open(doomedOpen.baseUrl);
    await doomedOpen.stop();
    const doomed = await startChild({
      dataDir,
      databaseUrl,
      env,
      killAtQuery: 5,
      armOn: { conversationId: customer.conversationId, text: '确认' },
    });
    children.push(doomed);
    await customer.reachSummary(doomed.baseUrl, summary, REPAIR_OPENING);
    const clientId = randomUUID();
    expect(await customer.post(doomed.baseUrl, '确认', clientId)).toBeDefined();
    expect(await doomed.exited).toBe('SIGKILL');
    const started = Date.now();
    const echo = await customer.post(survivor.baseUrl, '确认', clientId);
    const replies = await customer.repliesTo(survivor.baseUrl, echo ?? '', LEASE_WAS_MS);
    expect(Date.now() - started).toBeLessThan(LEASE_WAS_MS);
    const tickets = await ticketsOf(customer.conversationId);
    expect(tickets).toHaveLength(1);
    expect(replies.join('\n')).toContain(tickets[0]);
  }, 90_000);
});
