import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startApiTestServer, type ApiTestServer } from './apiTestServer.js';

let api: ApiTestServer;
let token: string;
let ticketNumber: string;

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  api = await startApiTestServer();
  await api.agents.addAgent('xiaozhou', 'hostile-input-pw');
  token = (await api.agents.login('xiaozhou', 'hostile-input-pw')).token;
  ticketNumber = (
    await api.tickets.create({
      policy: 'standard-service',
      report: { model: 'R5300', description: '<script>alert(1)</script>' },
    })
  ).number;
});
afterAll(() => api.close());

describe("the agents' ticket API with hostile input", () => {
  it('when the search holds SQL-ish text, then it is a plain search: no match, no error, and the ticket table is intact', async () => {
    for (const q of ["' OR 1=1 --", '"; DROP TABLE tickets; --', '%', '_']) {
      const res = await call('GET', `/api/tickets?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 0 });
    }
    expect((await call('GET', `/api/tickets/${ticketNumber}`)).status).toBe(200);
  });

  it('when the search holds a NUL, then it is a 400 naming q (PostgreSQL could not even receive it)', async () => {
    const res = await call('GET', `/api/tickets?q=${encodeURIComponent('a\u0000b')}`);
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).error.details.field).toBe('q');
  });

  it.each(['0x10', '1e1', ' 7', '-1', ''])(
    'when limit is %j, then it is a 400 naming limit, not a guess',
    async (limit) => {
      const res = await call('GET', `/api/tickets?limit=${encodeURIComponent(limit)}`);
      expect(res.status).toBe(400);
      expect(errorBody.parse(res.body).error.details.field).toBe('limit');
    },
  );

  it('when a comment holds a control character, then it is a 400 in Chinese and no comment is stored', async () => {
    const res = await call('POST', `/api/tickets/${ticketNumber}/comments`, { text: '已联系\u001b[31m客户' });
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).error.message).toMatch(/控制字符/);
    expect((await api.tickets.get(ticketNumber)).comments).toEqual([]);
  });

  it('when a comment or transition note says nothing of who may read it, then it is internal; an unknown visibility is a 400 naming it', async () => {
    const number = (await api.tickets.create({ policy: 'standard-service', report: { phone: '13800001234' } })).number;
    expect((await call('POST', `/api/tickets/${number}/comments`, { text: '只给同事看' })).status).toBe(201);
    expect(
      (await call('POST', `/api/tickets/${number}/comments`, { text: '请补充发票照片', visibility: 'customer' }))
        .status,
    ).toBe(201);
    expect((await call('POST', `/api/tickets/${number}/transitions`, { to: '处理中', note: '先查库存' })).status).toBe(
      200,
    );
    const bad = await call('POST', `/api/tickets/${number}/comments`, { text: 'x', visibility: 'everyone' });
    expect(bad.status).toBe(400);
    expect(errorBody.parse(bad.body).error.details.field).toBe('visibility');
    const view = await api.tickets.findForCustomer(number, '1234');
    expect(view?.messages.map((m) => m.text)).toEqual(['请补充发票照片']);
    expect(JSON.stringify(view)).not.toMatch(/同事|库存/);
  });

  it('when a report field holds HTML, then the API returns it as the same JSON string (the console shows it as text)', async () => {
    const res = await call('GET', `/api/tickets/${ticketNumber}`);
    expect(res.body).toMatchObject({ report: { description: '<script>alert(1)</script>' } });
  });
});
