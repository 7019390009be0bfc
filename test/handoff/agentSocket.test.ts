import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';

let app: RunningApp;
let agent: AgentClient;

beforeAll(async () => {
  app = await startApp();
  await app.built.agents.addAgent('agent.socket', 'socket-agent-pw');
  agent = await AgentClient.login(app.baseUrl, 'agent.socket', 'socket-agent-pw');
  await agent.connect();
});
afterAll(async () => {
  agent.close();
  await app.stop();
});

describe("the agents' socket with hostile input", () => {
  it('when the console sends something that is not a watch or typing message, then it gets an error naming the field and stays connected', async () => {
    agent.sendRaw('not json');
    agent.sendRaw(JSON.stringify({ type: 'watch', conversationId: '../../etc' }));
    agent.sendRaw(JSON.stringify({ __proto__: { type: 'watch' } }));
    await agent.waitFor((messages) => messages.filter((m) => m.type === 'error').length === 3);
    const fields = agent.messages.flatMap((m) => (m.type === 'error' ? [m.field] : []));
    expect(fields).toEqual(['message', 'conversationId', 'type']);
    const queue = await agent.call('GET', '/api/handoff/queue');
    expect(queue.status).toBe(200);
  });

  it('when the console sends a frame over the size limit, then that socket closes (1009) and the server keeps running', async () => {
    const closed = agent.closed();
    agent.sendRaw('x'.repeat(64 * 1024));
    expect(await closed).toBe(1009);
    expect((await agent.call('GET', '/api/handoff/queue')).status).toBe(200);
  });
});
