import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { testSchema } from '../support/pgSchema.js';
import { startTwoInstances, type TwoInstances } from '../web/twoInstances.js';

const schema = testSchema('presence');
const queueSchema = z.object({
  items: z.array(z.object({ conversationId: z.string(), away: z.boolean(), customerGoneAt: z.string().nullable() })),
});

// Both instances' handoff clocks run with real time plus minutes moved on by hand.
let skippedMs = 0;
let a: RunningApp;
let b: RunningApp;
let instances: TwoInstances | undefined;

beforeAll(async () => {
  const now = () => new Date(Date.now() + skippedMs);
  instances = await startTwoInstances(
    schema,
    {
      QUEUE_AWAY_AFTER_MINUTES: '2',
      QUEUE_LEAVE_AFTER_MINUTES: '10',
    },
    { now },
  );
  ({ a, b } = instances);
  await a.built.agents.addAgent('agent.pg', 'presence-pg-pw');
});

afterAll(async () => {
  await instances?.stop();
});

describe('queue presence across instances on PostgreSQL', () => {
  it('when a customer on instance A closes the chat, then the agent on B sees them gone, B’s sweep marks them away and the customer behind moves up', async () => {
    const agent = await AgentClient.login(b.baseUrl, 'agent.pg', 'presence-pg-pw');
    await agent.connect();
    const queued = async () => {
      const c = await CustomerClient.start(a.baseUrl);
      await c.waitForText(/售后服务小助手/);
      await c.say('转人工');
      await c.waitForText(/联系电话/);
      await c.say('不用');
      await c.waitForText(/排在第 \d+ 位/);
      return c;
    };
    const gone = await queued();
    const behind = await queued();
    try {
      const item = async (id: string) =>
        queueSchema
          .parse((await agent.call('GET', '/api/handoff/queue')).body)
          .items.find((i) => i.conversationId === id);
      gone.close();
      const deadline = Date.now() + 8000;
      while ((await item(gone.conversationId))?.customerGoneAt == null) {
        if (Date.now() > deadline) throw new Error('the stream’s close never reached the store');
        await new Promise((r) => setTimeout(r, 50));
      }
      skippedMs += 2 * 60_000;
      await b.built.web.handoff.presence.sweep();
      await a.built.web.handoff.presence.sweep(); // the other instance finds nothing left to do
      expect((await item(gone.conversationId))?.away).toBe(true);
      await behind.waitForText(/排队进度更新：您目前排在第 1 位/);
      await agent.waitFor((ms) =>
        ms.some(
          (m) => m.type === 'queue' && m.event?.event === 'away' && m.event.conversationId === gone.conversationId,
        ),
      );
    } finally {
      behind.close();
      agent.close();
    }
  });
});
