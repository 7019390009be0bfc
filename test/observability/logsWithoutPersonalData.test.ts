import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call } from '../directline/support/dlClient.js';
import { captureLogs } from '../support/captureLogs.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { messageActivity, post } from '../app/appServer.js';

const PHONE = '13812345678';
const NAME = '王小明';
const STREET = '光荣道';

const logs = captureLogs('debug');
let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ LOG_LEVEL: 'debug' }, { logger: logs.logger });
});

afterAll(async () => {
  await app?.stop();
});

/** Posts a message on Direct Line and waits for the bot's reply to it on the stream. */
async function sayAndWait(customer: CustomerClient, text: string): Promise<void> {
  const posted = await call(
    app.baseUrl,
    'POST',
    `/v3/directline/conversations/${customer.conversationId}/activities`,
    customer.token,
    { type: 'message', text },
  );
  const { id } = z.object({ id: z.string() }).parse(posted.body);
  await customer.stream.waitFor((sets) => sets.some((s) => s.activities.some((a) => a.replyToId === id)), 8000);
}

describe('logs of a conversation that contains personal data', () => {
  it('when a customer gives a phone number, a name and an address, then no log line holds them, and every request line has its request and conversation id', async () => {
    const customer = await CustomerClient.start(app.baseUrl);
    try {
      await customer.waitForText(/售后服务小助手/);
      await sayAndWait(customer, `我要报修，型号R5300 序列号SN2024A00123 电话${PHONE}，硬盘指示灯一直闪红灯`);
      await sayAndWait(customer, `联系人${NAME}，电话 138-1234-5678，地址天津市红桥区${STREET}9号`);
      await sayAndWait(customer, '取消');
      // The same through the Bot Framework endpoint, and a path that itself holds the number.
      expect((await post(app.baseUrl, messageActivity('log-check', `我的手机是${PHONE}，能查一下保修吗`))).status).toBe(
        200,
      );
      expect(
        (await call(app.baseUrl, 'GET', `/v3/directline/conversations/${PHONE}/activities`, customer.token)).status,
      ).toBe(403);
    } finally {
      customer.close();
    }

    const lines = logs.lines();
    const requests = lines.filter((l) => l.msg === 'request completed');
    // The conversation was logged: a line per request, each with its ids.
    expect(requests.filter((l) => l.conversationId === customer.conversationId).length).toBeGreaterThanOrEqual(4);
    for (const line of requests) expect(line.reqId).toEqual(expect.any(String));
    expect(requests.find((l) => JSON.stringify(l.req).includes('/api/messages'))?.conversationId).toBe('log-check');

    for (const raw of logs.raw) {
      expect(raw.replace(/\D/g, '')).not.toContain(PHONE);
      expect(raw).not.toContain(NAME);
      expect(raw).not.toContain(STREET);
    }
  });
});
