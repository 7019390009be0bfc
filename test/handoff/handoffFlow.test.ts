import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startApp, type RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';
import { CustomerClient } from '../web/support/customerClient.js';

const policyText = ['standard-service', 'rongke-server']
  .map((p) => readFileSync(`knowledge/policies/${p}/policy.md`, 'utf8'))
  .join('\n');

async function customerQueued(app: RunningApp): Promise<CustomerClient> {
  const customer = await CustomerClient.start(app.baseUrl);
  await customer.waitForText(/售后服务小助手/);
  await customer.say('转人工');
  await customer.waitForText(/联系电话/);
  await customer.say('不用');
  await customer.waitForText(/工单/);
  return customer;
}

describe('handoff out of hours', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(
      { AGENT_HOURS: '09:00-18:00', TZ_OFFSET_MINUTES: '480' },
      { now: () => new Date('2026-11-25T20:30:00+08:00') },
    );
  });
  afterAll(async () => app?.stop());

  it('when a customer asks for a human in the evening, then they are told when agents are back and get the ticket number', async () => {
    const customer = await customerQueued(app);
    await customer.waitForText(/非工作时间/);
    const notice = customer.texts().find((t) => t.includes('非工作时间')) ?? '';
    expect(notice).toContain('11月26日 09:00');
    const ticket = await app.built.tickets.findByConversation(customer.conversationId);
    expect(ticket).toBeDefined();
    expect(notice).toContain(ticket?.number);
    customer.close();
  });
});

describe('handoff in hours', () => {
  let app: RunningApp;
  let first: AgentClient;
  let second: AgentClient;
  beforeAll(async () => {
    app = await startApp();
    await app.built.agents.addAgent('agent.one', 'first-agent-pw');
    await app.built.agents.addAgent('agent.two', 'second-agent-pw');
  });
  afterAll(async () => app?.stop());

  it('when no agent console is open, then the customer hears that nobody is online yet', async () => {
    const customer = await customerQueued(app);
    await customer.waitForText(/暂无在线客服/);
    customer.close();
  });

  it('when two customers queue, then positions follow arrival and the console lists them oldest first with waiting times', async () => {
    first = await AgentClient.login(app.baseUrl, 'agent.one', 'first-agent-pw');
    second = await AgentClient.login(app.baseUrl, 'agent.two', 'second-agent-pw');
    await first.connect();
    const queue0 = z
      .object({ items: z.array(z.object({ conversationId: z.string() })) })
      .parse((await first.call('GET', '/api/handoff/queue')).body).items.length;
    const c1 = await customerQueued(app);
    await c1.waitForText(new RegExp(`排在第 ${queue0 + 1} 位`));
    const c2 = await customerQueued(app);
    await c2.waitForText(new RegExp(`排在第 ${queue0 + 2} 位`));
    const queue = z
      .object({
        items: z.array(z.object({ conversationId: z.string(), waitingSeconds: z.number(), queuedAt: z.string() })),
      })
      .parse((await first.call('GET', '/api/handoff/queue')).body);
    const ids = queue.items.map((i) => i.conversationId);
    expect(ids.indexOf(c1.conversationId)).toBeLessThan(ids.indexOf(c2.conversationId));
    expect(queue.items.every((i) => i.waitingSeconds >= 0)).toBe(true);

    // One agent wins the accept; the other gets 409 and may not speak in it.
    expect((await first.call('POST', `/api/handoff/conversations/${c1.conversationId}/accept`)).status).toBe(200);
    expect((await second.call('POST', `/api/handoff/conversations/${c1.conversationId}/accept`)).status).toBe(409);
    // The customer behind moves up and is told so.
    await c2.waitForText(new RegExp(`排队进度更新：您目前排在第 ${queue0 + 1} 位`));
    expect(
      (await second.call('POST', `/api/handoff/conversations/${c1.conversationId}/messages`, { text: '插话' })).status,
    ).toBe(403);
    expect(
      (await first.call('POST', `/api/handoff/conversations/${c1.conversationId}/messages`, { text: '   ' })).status,
    ).toBe(400);

    // Ticket moves follow the policy: 处理中 -> 待补充 is allowed, 待补充 -> 已结单 by an agent is not.
    expect(
      (
        await first.call('POST', `/api/handoff/conversations/${c1.conversationId}/state`, {
          to: '待补充',
          note: '请补充序列号',
        })
      ).status,
    ).toBe(200);
    expect(
      (await first.call('POST', `/api/handoff/conversations/${c1.conversationId}/state`, { to: '已结单' })).status,
    ).toBe(409);
    expect((await second.call('POST', `/api/handoff/conversations/${c1.conversationId}/resolve`)).status).toBe(409);
    c1.close();
    c2.close();
  });

  it('when the console API is called without a login, then it answers 401', async () => {
    const res = await fetch(`${app.baseUrl}/api/handoff/queue`);
    expect(res.status).toBe(401);
    const socket = await fetch(`${app.baseUrl}/api/handoff/conversations/x/accept`, { method: 'POST' });
    expect(socket.status).toBe(401);
  });

  it('when the customer asked a policy question before the handoff, then the agent gets suggested answers quoting the policy verbatim', async () => {
    const customer = await CustomerClient.start(app.baseUrl);
    await customer.waitForText(/售后服务小助手/);
    await customer.say('服务器硬盘坏了能保修几年');
    await customer.waitForText(/融科联创服务器保修/);
    await customer.say('转人工');
    await customer.waitForText(/联系电话/);
    await customer.say('不用');
    await customer.waitForText(/排在第/);
    const body = z
      .object({
        question: z.string(),
        suggestions: z.array(
          z.object({
            text: z.string(),
            citations: z.array(z.object({ section: z.string(), quote: z.string() })).min(1),
          }),
        ),
      })
      .parse((await first.call('GET', `/api/handoff/conversations/${customer.conversationId}/suggestions`)).body);
    expect(body.question).toBe('服务器硬盘坏了能保修几年');
    expect(body.suggestions.length).toBeGreaterThan(0);
    for (const s of body.suggestions) for (const c of s.citations) expect(policyText).toContain(c.quote);
    customer.close();
  });
});
