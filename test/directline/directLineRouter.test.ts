import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../web/startApp.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { call, pollUntil } from './support/dlClient.js';

let app: RunningApp;
let customer: CustomerClient;

beforeAll(async () => {
  app = await startApp();
  customer = await CustomerClient.start(app.baseUrl);
});
afterAll(async () => {
  customer.close();
  await app.stop();
});

const activities = (watermark: string) =>
  call(
    app.baseUrl,
    'GET',
    `/v3/directline/conversations/${customer.conversationId}/activities?watermark=${watermark}`,
    customer.token,
  );
const errorOf = (body: unknown): unknown =>
  typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;

describe('Direct Line REST with hostile input', () => {
  it('when a watermark is negative, not a number or out of range, then it is a 400 naming watermark; empty means from the start', async () => {
    for (const bad of ['-1', 'abc', '1e3', '99999999999999']) {
      const res = await activities(bad);
      expect(res.status).toBe(400);
      expect(errorOf(res.body)).toMatchObject({ code: 'bad_request', details: { field: 'watermark' } });
    }
    expect((await activities('')).status).toBe(200);
  });

  it('when a message holds a NUL or a lone surrogate, then it is a 400 saying why and nothing is logged', async () => {
    const before = await pollUntil(app.baseUrl, customer.conversationId, customer.token, () => true);
    for (const text of ['硬盘\u0000坏了', '硬盘\uD800坏了']) {
      const res = await call(
        app.baseUrl,
        'POST',
        `/v3/directline/conversations/${customer.conversationId}/activities`,
        customer.token,
        { type: 'message', text },
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(errorOf(res.body))).toMatch(/控制字符|Unicode/);
    }
    const after = await pollUntil(app.baseUrl, customer.conversationId, customer.token, () => true);
    expect(after.length).toBe(before.length);
  });

  it('when a message holds a right-to-left override, then the log keeps the text without it', async () => {
    await customer.say('硬盘\u202E了坏');
    const logged = await pollUntil(app.baseUrl, customer.conversationId, customer.token, (all) =>
      all.some((a) => a.text?.startsWith('硬盘')),
    );
    expect(logged.find((a) => a.text?.startsWith('硬盘'))?.text).toBe('硬盘了坏');
  });

  it('when a client posts an activity type Web Chat never sends, or an array, then it is a 400 naming the field', async () => {
    const path = `/v3/directline/conversations/${customer.conversationId}/activities`;
    const update = await call(app.baseUrl, 'POST', path, customer.token, {
      type: 'conversationUpdate',
      membersAdded: [{ id: 'x' }],
    });
    expect(update.status).toBe(400);
    expect(errorOf(update.body)).toMatchObject({ details: { field: 'type' } });
    const array = await call(app.baseUrl, 'POST', path, customer.token, []);
    expect(errorOf(array.body)).toMatchObject({ code: 'bad_request', details: { field: 'body' } });
  });

  it('when /api/chat/token gets a body that is not {conversationId, token}, then it is a 400 instead of a silent new conversation', async () => {
    const res = await call(app.baseUrl, 'POST', '/api/chat/token', undefined, { __proto__: null, admin: true });
    expect(res.status).toBe(400);
  });
});
