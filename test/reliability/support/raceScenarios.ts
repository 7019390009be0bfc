import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { loadDialogKnowledge } from '../../../dialogs/dialogKnowledge.js';
import type { RunningApp } from '../../web/startApp.js';
import { DirectLineCustomer } from './directLineCustomer.js';
import { reachSummary, REPAIR_OPENING, say, TICKET_NUMBER } from './talk.js';

const wording = loadDialogKnowledge('knowledge').wording;

/** Ticket numbers the store holds for a conversation. */
async function ticketsOf(app: RunningApp, conversationId: string): Promise<string[]> {
  const rows = await app.built.database.db
    .selectFrom('tickets')
    .select('number')
    .where('conversation_id', '=', conversationId)
    .execute();
  return rows.map((r) => r.number);
}

/**
 * Races that must file one ticket and give every delivery the same answer. `a` and `b` are the
 * instances the two deliveries reach (the same one on the embedded store, two on PostgreSQL).
 */
export const raceScenarios = {
  async sameActivityTwice(a: RunningApp, b: RunningApp, conversationId: string): Promise<void> {
    await reachSummary(a.baseUrl, conversationId, wording.repair.summaryHeader);
    const id = randomUUID();
    const [first, second] = await Promise.all([
      say(a.baseUrl, conversationId, '确认', id),
      say(b.baseUrl, conversationId, '确认', id),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const tickets = await ticketsOf(a, conversationId);
    expect(tickets).toHaveLength(1);
    expect(TICKET_NUMBER.exec(first.texts)?.[0]).toBe(tickets[0]);
    expect(second.texts).toBe(first.texts);
  },

  async twoConfirmations(a: RunningApp, b: RunningApp, conversationId: string): Promise<void> {
    await reachSummary(a.baseUrl, conversationId, wording.repair.summaryHeader);
    const answers = await Promise.all([say(a.baseUrl, conversationId, '确认'), say(b.baseUrl, conversationId, '确认')]);
    const tickets = await ticketsOf(a, conversationId);
    expect(tickets).toHaveLength(1);
    // Both customers' messages are answered with the number: one files it, the other is told it is filed.
    for (const answer of answers) expect(answer.texts).toContain(tickets[0]);
  },

  async directLineResend(a: RunningApp, b: RunningApp): Promise<void> {
    const customer = await DirectLineCustomer.open(a.baseUrl);
    await customer.reachSummary(a.baseUrl, wording.repair.summaryHeader, REPAIR_OPENING);
    const clientId = randomUUID();
    const [echoA, echoB] = await Promise.all([
      customer.post(a.baseUrl, '确认', clientId),
      customer.post(b.baseUrl, '确认', clientId),
    ]);
    expect(echoA).toBeDefined();
    expect(echoB).toBe(echoA);
    const replies = await customer.repliesTo(a.baseUrl, echoA ?? '');
    // Let any second run finish before counting.
    await new Promise((r) => setTimeout(r, 300));
    const tickets = await ticketsOf(a, customer.conversationId);
    expect(tickets).toHaveLength(1);
    expect(replies.join('\n')).toContain(tickets[0]);
    const logged = await customer.activities(a.baseUrl);
    expect(logged.filter((x) => x.text === '确认')).toHaveLength(1);
    expect(logged.filter((x) => x.replyToId === echoA && (x.text ?? '').includes(tickets[0] ?? '?'))).toHaveLength(1);
  },
};
