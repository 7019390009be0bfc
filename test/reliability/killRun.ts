/**
 * kill -9 at random points of the confirm turn across many scripted repair conversations
 * (half over /api/messages, half over Direct Line), each followed by a restart and the
 * customer's retry. Counts duplicate tickets, lost tickets, and tickets whose number the
 * customer never got. Loopback only, one child server at a time, bounded by --conversations.
 *
 *   npx tsx test/reliability/killRun.ts [--conversations 30] [--seed 9]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { startChild, type ChildServer, type CrashPlan } from './support/childServer.js';
import { DirectLineCustomer } from './support/directLineCustomer.js';
import { seededRandom } from './support/seededRandom.js';
import { reachSummary, REPAIR_OPENING, say, TICKET_NUMBER } from './support/talk.js';

const { values } = parseArgs({
  options: { conversations: { type: 'string', default: '30' }, seed: { type: 'string', default: '9' } },
});
const total = z.coerce.number().int().min(2).max(200).parse(values.conversations);
const random = seededRandom(z.coerce.number().int().parse(values.seed));
const { summaryHeader } = loadDialogKnowledge('knowledge').wording.repair;
const CONFIRM = '确认';

interface Outcome {
  channel: 'messages' | 'directline';
  fault: string;
  died: boolean;
  tickets: number;
  numbered: boolean;
  retryMs: number;
}

const dataDir = mkdtempSync(join(tmpdir(), 'kill-run-'));
const base: Pick<CrashPlan, 'dataDir'> = { dataDir };
const ticketsOf = (conversationId: string): string[] => {
  const db = new BetterSqlite3(join(dataDir, 'app.db'), { readonly: true });
  try {
    return db
      .prepare('select number from tickets where conversation_id = ?')
      .all(conversationId)
      .map((row) => z.object({ number: z.string() }).parse(row).number);
  } finally {
    db.close();
  }
};

async function main(): Promise<void> {
  // Direct Line conversations are the server's to name: open them all first, so each armed child knows its own.
  const opener = await startChild(base);
  const directLine: DirectLineCustomer[] = [];
  for (let i = 0; i < Math.floor(total / 2); i++) directLine.push(await DirectLineCustomer.open(opener.baseUrl));
  await opener.stop();

  // Each conversation's fault, drawn up front: before one of the confirm turn's first 16 queries, or right after its state was saved.
  const plans = Array.from({ length: total }, (_, i) => {
    const channel: Outcome['channel'] = i % 2 === 0 ? 'messages' : 'directline';
    const customer = channel === 'directline' ? directLine[Math.floor(i / 2)] : undefined;
    const afterSave = random() < 0.25;
    const killAtQuery = afterSave ? 0 : 1 + Math.floor(random() * 16);
    return {
      channel,
      customer,
      conversationId: customer?.conversationId ?? `kill-run-${i}`,
      killAtQuery,
      afterSave,
      fault: afterSave ? 'after state save' : `before query ${killAtQuery}`,
    };
  });
  const armedFor = (i: number): CrashPlan => {
    const plan = plans[i];
    return plan
      ? {
          ...base,
          killAtQuery: plan.killAtQuery,
          killAfterStateSave: plan.afterSave,
          armOn: { conversationId: plan.conversationId, text: CONFIRM },
        }
      : base;
  };

  const outcomes: Outcome[] = [];
  // One child per conversation: armed for it; after it dies (or not), the next child, armed for
  // the next conversation, is where this customer retries.
  let child: ChildServer = await startChild(armedFor(0));
  for (const [i, plan] of plans.entries()) {
    const { channel, customer, conversationId, fault } = plan;
    let reply = '';
    let died = false;
    let retry: () => Promise<string>;
    if (customer) {
      await customer.reachSummary(child.baseUrl, summaryHeader, REPAIR_OPENING);
      const clientId = randomUUID();
      const echo = await customer.post(child.baseUrl, CONFIRM, clientId);
      // Polling a dead server fails at once, maybe before its exit is seen: wait for the answer, then look.
      await (echo ? customer.repliesTo(child.baseUrl, echo, 5000).catch(() => []) : Promise.resolve([]));
      died =
        (await Promise.race([child.exited, new Promise((resolve) => setTimeout(() => resolve('alive'), 500))])) ===
        'SIGKILL';
      // The customer resends (Web Chat's retry keeps the clientActivityID).
      retry = async () => {
        const again = await customer.post(next.baseUrl, CONFIRM, clientId);
        return again ? (await customer.repliesTo(next.baseUrl, again, 5000)).join('\n') : '';
      };
    } else {
      await reachSummary(child.baseUrl, conversationId, summaryHeader);
      const activityId = randomUUID();
      const first = await say(child.baseUrl, conversationId, CONFIRM, activityId, 5000);
      died = first.status === 0 && (await child.exited) === 'SIGKILL';
      reply = first.texts;
      // The channel retries the same activity.
      retry = async () => (await say(next.baseUrl, conversationId, CONFIRM, activityId)).texts;
    }
    await child.stop();
    const next: ChildServer = await startChild(armedFor(i + 1));
    let retryMs = 0;
    if (died || customer) {
      const started = Date.now();
      reply = await retry();
      retryMs = Date.now() - started;
    }
    child = next;
    const tickets = ticketsOf(conversationId);
    const shown = TICKET_NUMBER.exec(reply)?.[0];
    outcomes.push({
      channel,
      fault,
      died,
      tickets: tickets.length,
      numbered: tickets.length === 1 && shown === tickets[0],
      retryMs,
    });
    console.log(
      `${String(i + 1).padStart(2)} ${channel.padEnd(10)} ${fault.padEnd(16)} ${died ? 'killed ' : 'no kill'} tickets=${tickets.length} customer-got-number=${shown === tickets[0] ? 'yes' : 'NO'}${died ? ` retry answered in ${retryMs} ms` : ''}`,
    );
  }
  await child.stop();
  const killed = outcomes.filter((o) => o.died);
  const retries = killed.map((o) => o.retryMs).sort((a, b) => a - b);
  console.log('');
  console.log(`conversations: ${outcomes.length}; killed during the confirm turn: ${killed.length}`);
  console.log(`duplicate tickets: ${outcomes.filter((o) => o.tickets > 1).length}`);
  console.log(`lost tickets: ${outcomes.filter((o) => o.tickets === 0).length}`);
  console.log(
    `tickets the customer never got a number for: ${outcomes.filter((o) => o.tickets === 1 && !o.numbered).length}`,
  );
  if (retries.length)
    console.log(
      `retry after restart answered in: median ${retries[Math.floor(retries.length / 2)]} ms, max ${retries.at(-1)} ms`,
    );
  rmSync(dataDir, { recursive: true, force: true });
  const bad = outcomes.some((o) => o.tickets !== 1 || !o.numbered);
  process.exit(bad ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
