import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call } from '../directline/support/dlClient.js';
import type { RunningApp } from './startApp.js';
import { AgentClient, agentSaw } from './support/agentClient.js';
import { CustomerClient } from './support/customerClient.js';
import { testSchema } from '../support/pgSchema.js';
import { startTwoInstances, type TwoInstances } from './twoInstances.js';

const schema = testSchema('web');

let a: RunningApp;
let b: RunningApp;
let instances: TwoInstances | undefined;

beforeAll(async () => {
  // Two instances sharing one PostgreSQL schema and, as production requires, the secrets from the environment.
  instances = await startTwoInstances(schema);
  ({ a, b } = instances);
  await a.built.agents.addAgent('agent.wang', 'two-instances-pw');
});

afterAll(async () => {
  await instances?.stop();
});

describe('two instances sharing PostgreSQL', () => {
  it('when the customer is on instance A and the agent on instance B, then they talk live both ways, and the rating lands on the ticket', async () => {
    const agent = await AgentClient.login(b.baseUrl, 'agent.wang', 'two-instances-pw');
    await agent.connect();
    const customer = await CustomerClient.start(a.baseUrl);
    try {
      await customer.waitForText(/售后服务小助手/);
      // A token minted by A works on B: both have the same secret.
      expect(
        (
          await call(
            b.baseUrl,
            'GET',
            `/v3/directline/conversations/${customer.conversationId}/activities`,
            customer.token,
          )
        ).status,
      ).toBe(200);

      await customer.say('转人工');
      await customer.waitForText(/联系电话/);
      await customer.say('不用');
      await customer.waitForText(/排在第 1 位/);

      // B hears about the queue entry from A through LISTEN/NOTIFY.
      await agent.waitFor((ms) =>
        ms.some(
          (m) =>
            m.type === 'queue' &&
            m.event?.event === 'queued' &&
            m.items.some((i) => i.conversationId === customer.conversationId),
        ),
      );
      expect((await agent.call('POST', `/api/handoff/conversations/${customer.conversationId}/accept`)).status).toBe(
        200,
      );
      await customer.waitForText(/agent\.wang 已接入/);
      agent.send({ type: 'watch', conversationId: customer.conversationId, watermark: 0 });

      // Agent (B) -> customer (A), live on A's stream.
      expect(
        (
          await agent.call('POST', `/api/handoff/conversations/${customer.conversationId}/messages`, {
            text: '您好，我是王工。',
          })
        ).status,
      ).toBe(200);
      await customer.waitForText(/我是王工/);

      // Customer typing and message (A) -> agent (B); the bot stays silent.
      await customer.post({ type: 'typing' });
      await agent.waitFor((ms) => ms.some((m) => m.type === 'typing' && m.conversationId === customer.conversationId));
      const before = customer.texts().length;
      await customer.say('机器一直重启');
      await agent.waitFor((ms) => agentSaw(ms).includes('机器一直重启'));
      await new Promise((r) => setTimeout(r, 500));
      expect(customer.texts().slice(before)).toEqual(['机器一直重启']);

      // Agent typing (B) reaches the customer's stream (A).
      agent.send({ type: 'typing', conversationId: customer.conversationId });
      await customer.stream.waitFor((sets) =>
        sets.some((s) =>
          s.activities.some((x) => x.type === 'typing' && JSON.stringify(x.from).includes('agent:agent.wang')),
        ),
      );

      // Resolve on B; A's customer rates.
      expect((await agent.call('POST', `/api/handoff/conversations/${customer.conversationId}/resolve`)).status).toBe(
        204,
      );
      await customer.waitForText(/打分/);
      await customer.say('4分');
      await customer.waitForText(/感谢您的评分/);
      const ticket = await b.built.tickets.findByConversation(customer.conversationId);
      expect(ticket?.rating).toBe(4);
      expect(ticket?.transcript.map((l) => `${l.from}:${l.text}`)).toEqual(
        expect.arrayContaining(['agent:您好，我是王工。', 'customer:机器一直重启']),
      );
    } finally {
      customer.close();
      agent.close();
    }
  });

  it('when one conversation posts to both instances at once, then the bot answers every message and no turn fails or collides', async () => {
    const customer = await CustomerClient.start(a.baseUrl);
    try {
      await customer.waitForText(/售后服务小助手/);
      const path = `/v3/directline/conversations/${customer.conversationId}/activities`;
      const questions = [
        '服务器保修几年',
        '电源坏了怎么办',
        '硬盘坏了保修吗',
        '上门服务多久到',
        '内存条坏了能换吗',
        '风扇坏了保修吗',
      ];
      const posted = await Promise.all(
        questions.map((text, i) =>
          call((i % 2 === 0 ? a : b).baseUrl, 'POST', path, customer.token, { type: 'message', text }),
        ),
      );
      const ids = posted.map((r) => z.object({ id: z.string() }).parse(r.body).id);
      await customer.stream.waitFor(
        (sets) => ids.every((id) => sets.some((s) => s.activities.some((x) => x.replyToId === id))),
        15000,
      );
      const replies = customer.stream.sets
        .flatMap((s) => s.activities)
        .filter((x) => x.type === 'message' && typeof x.replyToId === 'string' && ids.includes(x.replyToId));
      // Neither turn failed or collided (the bot's error and conflict apologies come from its wording file).
      const wording = z
        .object({ turnError: z.string(), turnConflict: z.string() })
        .parse(JSON.parse(readFileSync('knowledge/dialogs/wording.json', 'utf8')));
      expect(replies.map((r) => r.text)).not.toContain(wording.turnError);
      expect(replies.map((r) => r.text)).not.toContain(wording.turnConflict);
      // Each reply batch follows its own message: no interleaving of two turns.
      const order = replies.map((r) => r.replyToId);
      expect(order).toEqual([...order].sort((x, y) => order.indexOf(x) - order.indexOf(y)));
    } finally {
      customer.close();
    }
  });
});
