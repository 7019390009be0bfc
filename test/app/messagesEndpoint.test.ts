import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { messageActivity, post, startApp, type RunningApp } from './appServer.js';

let dataDir: string;
let running: RunningApp;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bot-app-'));
  running = await startApp(dataDir);
  await running.built.agents.addAgent('agent.li', 'correct-horse-battery');
});
afterAll(async () => {
  await running.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('POST /api/messages', () => {
  it('when a customer reports a fault with expectReplies, then the replies come in the body and the ticket is listed for agents', async () => {
    const say = async (text: string) => {
      const res = await post(running.baseUrl, messageActivity('conv-http-1', text));
      expect(res.status).toBe(200);
      return res.texts;
    };
    expect(await say('我要报修，型号R5300 序列号SN2026B00321 电话13611112222')).toContain('R5300');
    await say('服务器开机自检时卡住，风扇全速转');
    await say('无');
    await say('无');
    await say('无');
    await say('黄工');
    expect(await say('地址：天津市滨海新区第三大街7号')).toContain('请核对报修信息');
    const created = await say('确认');
    const number = /T\d{8}-\d{4,6}/.exec(created)?.[0];
    expect(number).toBeDefined();

    const res = await fetch(`${running.baseUrl}/api/tickets`, {
      headers: { authorization: `Bearer ${await agentToken()}` },
    });
    expect(res.status).toBe(200);
    const listed = JSON.stringify(await res.json());
    expect(listed).toContain(number);
    expect(listed).toContain('SN2026B00321');
    const detail = await fetch(`${running.baseUrl}/api/tickets/${number}`, {
      headers: { authorization: `Bearer ${await agentToken()}` },
    });
    expect(JSON.stringify(await detail.json())).toContain('服务器开机自检时卡住');
  });

  it('when the bot answers with several lines and a verbatim quote, then every message is sent as plain text', async () => {
    const res = await post(running.baseUrl, messageActivity('conv-plain', '7*24小时服务是什么意思'));
    const activities = z
      .object({ activities: z.array(z.object({ type: z.string(), textFormat: z.string().optional() })) })
      .parse(res.json).activities;
    const messages = activities.filter((a) => a.type === 'message');
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.map((m) => m.textFormat)).toEqual(messages.map(() => 'plain'));
  });

  it('when the serviceUrl points outside the allowlist, then the activity is refused with 403 before the bot runs', async () => {
    const res = await post(
      running.baseUrl,
      messageActivity('conv-evil', '你好', { serviceUrl: 'https://collector.example.net/' }),
    );
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.json)).toContain('serviceUrl');
  });

  it.each([
    ['conversation', { ...messageActivity('x', '你好'), conversation: 7 }],
    ['from', { ...messageActivity('x', '你好'), from: undefined }],
    ['type', { ...messageActivity('x', '你好'), type: '' }],
  ])('when %s is malformed, then the answer is 400 naming it', async (field, body) => {
    const res = await post(running.baseUrl, body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { details: { field } } });
  });

  it('when the body is not JSON, then the answer is 400', async () => {
    expect((await post(running.baseUrl, '{"type": "message",')).status).toBe(400);
  });

  it('when the text or the whole body is huge, then the answer is 413', async () => {
    const longText = await post(running.baseUrl, messageActivity('x', '长'.repeat(5000)));
    expect(longText.status).toBe(413);
    expect(longText.json).toMatchObject({ error: { details: { field: 'text' } } });
    const hugeBody = await post(running.baseUrl, {
      ...messageActivity('x', '你好'),
      channelData: { blob: 'x'.repeat(400_000) },
    });
    expect(hugeBody.status).toBe(413);
  });
});

/** Logs the test agent in and returns the bearer token. */
async function agentToken(): Promise<string> {
  const res = await fetch(`${running.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'agent.li', password: 'correct-horse-battery' }),
  });
  const body: unknown = await res.json();
  return typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string'
    ? body.token
    : '';
}
