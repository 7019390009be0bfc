import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, conversationSchema, openStream } from '../directline/support/dlClient.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';
import { CustomerClient } from '../web/support/customerClient.js';

const wording = z
  .object({ leftQueue: z.string(), leftQueueNote: z.string() })
  .parse(JSON.parse(readFileSync('knowledge/handoff/wording.json', 'utf8')));
const queueSchema = z.object({
  items: z.array(z.object({ conversationId: z.string(), away: z.boolean(), customerGoneAt: z.string().nullable() })),
});

// The handoff's clock runs with real time plus minutes moved on by hand: minutes pass without waiting.
let skippedMs = 0;
const advanceMinutes = (minutes: number) => (skippedMs += minutes * 60_000);

let app: RunningApp;
let agent: AgentClient;
const customers: CustomerClient[] = [];

beforeAll(async () => {
  app = await startApp(
    { QUEUE_AWAY_AFTER_MINUTES: '2', QUEUE_LEAVE_AFTER_MINUTES: '10' },
    { now: () => new Date(Date.now() + skippedMs) },
  );
  await app.built.agents.addAgent('agent.presence', 'presence-agent-pw');
  agent = await AgentClient.login(app.baseUrl, 'agent.presence', 'presence-agent-pw');
  await agent.connect();
});
afterAll(async () => {
  agent.close();
  for (const c of customers) c.close();
  await app.stop();
});

async function queued(): Promise<CustomerClient> {
  const customer = await CustomerClient.start(app.baseUrl);
  customers.push(customer);
  await customer.waitForText(/售后服务小助手/);
  await customer.say('转人工');
  await customer.waitForText(/联系电话/);
  await customer.say('不用');
  await customer.waitForText(/排在第/);
  return customer;
}

const placeOf = (customer: CustomerClient): number =>
  Number(
    /排在第 (\d+) 位/.exec(
      customer
        .texts()
        .filter((t) => /排在第 \d+ 位/.test(t))
        .at(-1) ?? '',
    )?.[1],
  );

async function queueItem(conversationId: string) {
  return queueSchema
    .parse((await agent.call('GET', '/api/handoff/queue')).body)
    .items.find((i) => i.conversationId === conversationId);
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('customers who leave the queue’s chat', () => {
  it('when a queued customer’s chat connection has been gone 2 minutes, then they are away, those behind move up and places count only those present; 10 more and they leave with a note', async () => {
    const ahead = await queued();
    const gone = await queued();
    const behind = await queued();
    expect(placeOf(behind)).toBe(placeOf(gone) + 1);
    const placeBefore = placeOf(behind);
    gone.close();
    await until(async () => (await queueItem(gone.conversationId))?.customerGoneAt != null);

    advanceMinutes(1);
    await app.built.web.handoff.presence.sweep();
    expect((await queueItem(gone.conversationId))?.away).toBe(false);

    advanceMinutes(1);
    await app.built.web.handoff.presence.sweep();
    expect((await queueItem(gone.conversationId))?.away).toBe(true);
    await behind.waitForText(new RegExp(`排队进度更新：您目前排在第 ${placeBefore - 1} 位`));
    await agent.waitFor((ms) =>
      ms.some((m) => m.type === 'queue' && m.event?.event === 'away' && m.event.conversationId === gone.conversationId),
    );
    const next = await queued();
    expect(placeOf(next)).toBe(placeBefore);
    // Only those behind the one who went are told they moved.
    expect(ahead.texts().some((t) => t.startsWith('排队进度更新'))).toBe(false);

    advanceMinutes(9);
    await app.built.web.handoff.presence.sweep();
    expect(await queueItem(gone.conversationId)).toBeDefined();
    advanceMinutes(1);
    await app.built.web.handoff.presence.sweep();
    expect(await queueItem(gone.conversationId)).toBeUndefined();
    const ticket = await app.built.tickets.findByConversation(gone.conversationId);
    expect(ticket?.comments.at(-1)).toMatchObject({
      author: 'system',
      text: wording.leftQueueNote.replace('{minutes}', '12'),
      visibility: 'internal',
    });
    const history = await call(
      app.baseUrl,
      'GET',
      `/v3/directline/conversations/${gone.conversationId}/activities`,
      gone.token,
    );
    expect(JSON.stringify(history.body)).toContain(wording.leftQueue);
  });

  it('when an away customer reconnects, then they are present again and counted', async () => {
    const customer = await queued();
    customer.close();
    await until(async () => (await queueItem(customer.conversationId))?.customerGoneAt != null);
    advanceMinutes(3);
    await app.built.web.handoff.presence.sweep();
    expect((await queueItem(customer.conversationId))?.away).toBe(true);

    // Web Chat reconnects as after a reload: GET the conversation for a new stream URL.
    const resumed = conversationSchema.parse(
      (
        await call(
          app.baseUrl,
          'GET',
          `/v3/directline/conversations/${customer.conversationId}?watermark=0`,
          customer.token,
        )
      ).body,
    );
    const stream = openStream(resumed.streamUrl ?? '');
    await stream.opened;
    await until(async () => (await queueItem(customer.conversationId))?.away === false);
    expect((await queueItem(customer.conversationId))?.customerGoneAt).toBeNull();
    stream.socket.close();
  });
});
