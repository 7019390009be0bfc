import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startApp, type RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';

let app: RunningApp;
let agent: AgentClient;
const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

beforeAll(async () => {
  app = await startApp();
  await app.built.agents.addAgent('agent.routes', 'routes-agent-pw');
  agent = await AgentClient.login(app.baseUrl, 'agent.routes', 'routes-agent-pw');
});
afterAll(async () => {
  await app.stop();
});

describe("the agents' console API with hostile input", () => {
  it('when a reply is longer than allowed, then it is a 413 naming text, like every other API', async () => {
    const res = await agent.call('POST', '/api/handoff/conversations/abc/messages', { text: '长'.repeat(4001) });
    expect(res.status).toBe(413);
    expect(errorBody.parse(res.body).error).toMatchObject({ code: 'payload_too_large', details: { field: 'text' } });
  });

  it('when a reply holds a NUL or a lone surrogate, then it is a 400 saying why', async () => {
    for (const text of ['您好\u0000', '您好\uDC00']) {
      const res = await agent.call('POST', '/api/handoff/conversations/abc/messages', { text });
      expect(res.status).toBe(400);
      expect(errorBody.parse(res.body).error.message).toMatch(/控制字符|Unicode/);
    }
  });

  it('when a conversation id has an odd shape, then it is a 400 naming it; an unknown path is a JSON 404', async () => {
    const id = await agent.call('GET', '/api/handoff/conversations/..%2F..%2Fetc');
    expect(errorBody.parse(id.body).error.details.field).toBe('conversationId');
    const unknownPath = await agent.call('GET', '/api/handoff/nothing-here');
    expect(unknownPath.status).toBe(404);
    expect(errorBody.parse(unknownPath.body).error.code).toBe('not_found');
  });
});
