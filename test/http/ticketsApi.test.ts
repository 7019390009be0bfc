import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer } from './apiTestServer.js';

let api: ApiTestServer;
let token: string;
let ticketNumber: string;

interface Reply {
  status: number;
  body: unknown;
}

async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  api = await startApiTestServer();
  await api.agents.addAgent('xiaoli', 'correct-horse-9');
  const login = await call('POST', '/api/auth/login', { body: { login: 'xiaoli', password: 'correct-horse-9' } });
  expect(login.status).toBe(200);
  expect(login.body).toMatchObject({ token: expect.any(String), expiresAt: expect.any(String) });
  token = (login.body as { token: string }).token;
  const ticket = await api.tickets.create({
    policy: 'standard-service',
    report: { model: 'CVM-S5', description: '云主机无法远程登录', phone: '021-66778899', organization: '浦江仪器厂' },
    conversationId: 'conv-api',
  });
  ticketNumber = ticket.number;
});
afterAll(() => api.close());

describe('agents API: authentication', () => {
  it.each([
    ['GET', '/api/tickets'],
    ['GET', '/api/tickets/T20261123-0001'],
    ['POST', '/api/tickets/T20261123-0001/transitions'],
    ['POST', '/api/tickets/T20261123-0001/comments'],
  ])('when %s %s has no token, then 401', async (method, path) => {
    const reply = await call(method, path, { body: method === 'POST' ? { to: '处理中', text: 'x' } : undefined });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('when the password is wrong or the login unknown, then 401 with the same message', async () => {
    const wrong = await call('POST', '/api/auth/login', { body: { login: 'xiaoli', password: 'not-the-password' } });
    const unknown = await call('POST', '/api/auth/login', { body: { login: 'nobody', password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('when the token is tampered with, then 401', async () => {
    const [v, payload, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', exp: Date.now() + 1e9 })).toString('base64url');
    expect((await call('GET', '/api/tickets', { token: `${v}.${forged}.${sig}` })).status).toBe(401);
    expect((await call('GET', '/api/tickets', { token: `${v}.${payload}.x${sig}` })).status).toBe(401);
    expect((await call('GET', '/api/tickets', { token: 'garbage' })).status).toBe(401);
  });

  it('when the token has expired, then 401, and a fresh login works again', async () => {
    const saved = api.clock.now;
    api.clock.now = new Date(saved.getTime() + 61 * 60_000);
    try {
      expect((await call('GET', '/api/tickets', { token })).status).toBe(401);
      const again = await call('POST', '/api/auth/login', { body: { login: 'xiaoli', password: 'correct-horse-9' } });
      expect((await call('GET', '/api/tickets', { token: (again.body as { token: string }).token })).status).toBe(200);
    } finally {
      api.clock.now = saved;
    }
  });

  it('when the token is valid, then /api/auth/me names the agent', async () => {
    expect(await call('GET', '/api/auth/me', { token })).toEqual({ status: 200, body: { login: 'xiaoli' } });
  });
});

describe('agents API: tickets', () => {
  it('when listing with a state and a search, then the matching ticket comes back with paging info', async () => {
    const reply = await call(
      'GET',
      `/api/tickets?state=${encodeURIComponent('未处理')}&q=${encodeURIComponent('浦江')}`,
      { token },
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      total: 1,
      limit: 20,
      offset: 0,
      items: [{ number: ticketNumber, state: '未处理' }],
    });
  });

  it('when reading a ticket, then its report, history and transcript are there', async () => {
    const reply = await call('GET', `/api/tickets/${ticketNumber}`, { token });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      number: ticketNumber,
      report: { organization: '浦江仪器厂' },
      history: [{ to: '未处理' }],
    });
  });

  it('when the ticket does not exist, then 404', async () => {
    const reply = await call('GET', '/api/tickets/T19990101-0001', { token });
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('when a legal transition is posted with a note, then the ticket moves and records the agent', async () => {
    const reply = await call('POST', `/api/tickets/${ticketNumber}/transitions`, {
      token,
      body: { to: '处理中', note: '已远程排查' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ state: '处理中' });
    const history = (reply.body as { history: unknown[] }).history;
    expect(history.at(-1)).toMatchObject({ from: '未处理', to: '处理中', by: 'agent:xiaoli', note: '已远程排查' });
  });

  it('when an illegal transition is posted, then 409 with a message naming both states', async () => {
    const reply = await call('POST', `/api/tickets/${ticketNumber}/transitions`, { token, body: { to: '未处理' } });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error: { code: 'conflict', details: { from: '处理中', to: '未处理' } } });
  });

  it.each([
    [{ to: '已解决' }, 'to'],
    [{}, 'to'],
    [{ to: '已结单', note: 42 }, 'note'],
  ])('when the transition body is %j, then 400 naming %s', async (body, field) => {
    const reply = await call('POST', `/api/tickets/${ticketNumber}/transitions`, { token, body });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'bad_request', details: { field } } });
  });

  it('when the query has a bad state or limit, then 400 naming it', async () => {
    const state = await call('GET', '/api/tickets?state=done', { token });
    expect(state.body).toMatchObject({ error: { details: { field: 'state' } } });
    const limit = await call('GET', '/api/tickets?limit=5000', { token });
    expect(limit).toMatchObject({ status: 400, body: { error: { details: { field: 'limit' } } } });
  });

  it('when a comment with markup is posted, then it is stored verbatim (escaping is the console’s job) with 201', async () => {
    const text = '<img src=x onerror=alert(1)> 客户要求周五上门';
    const reply = await call('POST', `/api/tickets/${ticketNumber}/comments`, { token, body: { text } });
    expect(reply.status).toBe(201);
    expect((reply.body as { comments: unknown[] }).comments.at(-1)).toMatchObject({ author: 'agent:xiaoli', text });
  });

  it('when a comment is too long, then 413 naming the field; when empty, then 400', async () => {
    const long = await call('POST', `/api/tickets/${ticketNumber}/comments`, {
      token,
      body: { text: '长'.repeat(4001) },
    });
    expect(long).toMatchObject({
      status: 413,
      body: { error: { code: 'payload_too_large', details: { field: 'text' } } },
    });
    const empty = await call('POST', `/api/tickets/${ticketNumber}/comments`, { token, body: { text: '   ' } });
    expect(empty).toMatchObject({ status: 400, body: { error: { details: { field: 'text' } } } });
  });

  it('when the body is larger than the limit, then 413', async () => {
    const reply = await call('POST', `/api/tickets/${ticketNumber}/comments`, {
      token,
      raw: JSON.stringify({ text: 'x'.repeat(100_000) }),
    });
    expect(reply).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('when the JSON is malformed, then 400 and the server keeps serving', async () => {
    const reply = await call('POST', `/api/tickets/${ticketNumber}/comments`, { token, raw: '{"text": "未闭合' });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect((await call('GET', `/api/tickets/${ticketNumber}`, { token })).status).toBe(200);
  });

  it('when the ticket number in the path is malformed, then 400 naming number', async () => {
    const reply = await call('GET', '/api/tickets/%3Cscript%3E', { token });
    expect(reply).toMatchObject({ status: 400, body: { error: { details: { field: 'number' } } } });
  });
});

describe('HTTP error handling around the API', () => {
  it('when an unexpected error is thrown, then 500 without internals, and it is logged', async () => {
    const reply = await call('GET', '/boom');
    expect(reply.status).toBe(500);
    expect(reply.body).toMatchObject({ error: { code: 'internal' } });
    expect(JSON.stringify(reply.body)).not.toContain('hunter2');
    expect(api.logged.length).toBeGreaterThan(0);
  });

  it('when another /api route (the bot’s /api/messages) is called, then the API neither demands a token nor parses its body', async () => {
    const reply = await call('POST', '/api/messages', { body: { type: 'message' } });
    expect(reply).toEqual({ status: 200, body: { reachedBot: true, bodyParsedByApi: false } });
  });
});
