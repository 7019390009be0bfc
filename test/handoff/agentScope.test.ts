import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';
import { CustomerClient } from '../web/support/customerClient.js';

let app: RunningApp;
let wang: AgentClient;
let li: AgentClient;
const customers: CustomerClient[] = [];

beforeAll(async () => {
  app = await startApp();
  await app.built.agents.addAgent('agent.wang', 'scope-agent-pw-1');
  await app.built.agents.addAgent('agent.li', 'scope-agent-pw-2');
  wang = await AgentClient.login(app.baseUrl, 'agent.wang', 'scope-agent-pw-1');
  li = await AgentClient.login(app.baseUrl, 'agent.li', 'scope-agent-pw-2');
  await wang.connect();
  await li.connect();
});
afterAll(async () => {
  wang.close();
  li.close();
  for (const c of customers) c.close();
  await app.stop();
});

async function customer(): Promise<CustomerClient> {
  const c = await CustomerClient.start(app.baseUrl);
  customers.push(c);
  await c.waitForText(/售后服务小助手/);
  return c;
}

async function queued(): Promise<CustomerClient> {
  const c = await customer();
  await c.say('转人工');
  await c.waitForText(/联系电话/);
  await c.say('不用');
  await c.waitForText(/排在第/);
  return c;
}

/** How many watches the socket has refused so far. */
const refusals = (agent: AgentClient) =>
  agent.messages.filter((m) => m.type === 'error' && m.code === 'not_found').length;

describe('what an agent may watch', () => {
  it('when a conversation never asked for a human, then the socket refuses to watch it and REST answers 404', async () => {
    const asker = await customer();
    await asker.say('服务器保修几年');
    await asker.waitForText(/保修/);
    const before = refusals(wang);
    wang.send({ type: 'watch', conversationId: asker.conversationId, watermark: 0 });
    await wang.waitFor(() => refusals(wang) > before);
    expect(wang.messages.some((m) => m.type === 'activities' && m.conversationId === asker.conversationId)).toBe(false);
    expect((await wang.call('GET', `/api/handoff/conversations/${asker.conversationId}/activities`)).status).toBe(404);
  });

  it('when a conversation waits in the queue, then any agent may watch it; once one accepts, only they (and not the other) see it', async () => {
    const waiting = await queued();
    li.send({ type: 'watch', conversationId: waiting.conversationId, watermark: 0 });
    await li.waitFor((ms) => ms.some((m) => m.type === 'activities' && m.conversationId === waiting.conversationId));
    expect((await wang.call('POST', `/api/handoff/conversations/${waiting.conversationId}/accept`)).status).toBe(200);
    // li was watching from the queue: the stream stops, and a new watch is refused.
    await li.waitFor((ms) => ms.some((m) => m.type === 'unwatched' && m.conversationId === waiting.conversationId));
    const before = refusals(li);
    li.send({ type: 'watch', conversationId: waiting.conversationId, watermark: 0 });
    await li.waitFor(() => refusals(li) > before);
    expect((await li.call('GET', `/api/handoff/conversations/${waiting.conversationId}`)).status).toBe(404);
    // wang holds it, and still sees it after handing it back to the bot.
    wang.send({ type: 'watch', conversationId: waiting.conversationId, watermark: 0 });
    await wang.waitFor((ms) => ms.some((m) => m.type === 'activities' && m.conversationId === waiting.conversationId));
    expect((await wang.call('POST', `/api/handoff/conversations/${waiting.conversationId}/resolve`)).status).toBe(204);
    expect((await wang.call('GET', `/api/handoff/conversations/${waiting.conversationId}/activities`)).status).toBe(
      200,
    );
  });
});

describe('ending an agent’s login', () => {
  it('when an agent logs out, then the token is refused by REST and the live channel closes (4401)', async () => {
    await app.built.agents.addAgent('agent.zhao', 'scope-agent-pw-3');
    const zhao = await AgentClient.login(app.baseUrl, 'agent.zhao', 'scope-agent-pw-3');
    await zhao.connect();
    const closed = zhao.closed();
    expect((await zhao.call('POST', '/api/auth/logout')).status).toBe(204);
    expect((await zhao.call('GET', '/api/handoff/queue')).status).toBe(401);
    zhao.send({ type: 'typing', conversationId: 'anything' });
    expect(await closed).toBe(4401);
  });
});
