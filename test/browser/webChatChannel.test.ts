import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startChannelServer } from '../directline/support/startChannelServer.js';
import { ChannelTestBot } from '../directline/support/testBot.js';
import { bubble, launchChromium, say, screenshot, suggestedAction } from './support/launchChromium.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe.each([
  ['websocket', ''],
  ['polling', '?transport=polling'],
])('stock Web Chat over our Direct Line (%s)', (mode, query) => {
  it('when the customer chats and reloads, then the welcome, replies and suggested actions show once and the conversation resumes after a reload and a server restart', async () => {
    let server = await startChannelServer(new ChannelTestBot());
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${server.baseUrl}/chat${query}`);
      await bubble(page, '您好，我是测试机器人。').waitFor({ timeout: 15000 });
      await say(page, '你好呀');
      await bubble(page, '收到：你好呀').waitFor({ timeout: 15000 });
      await suggestedAction(page, '选项一').click();
      await bubble(page, '收到：选项一').waitFor({ timeout: 15000 });
      await screenshot(page, `channel-${mode}-before-reload`);

      await page.reload();
      await bubble(page, '收到：选项一').waitFor({ timeout: 15000 });
      await page.waitForTimeout(1500);
      expect(await bubble(page, '您好，我是测试机器人。').count()).toBe(1);
      expect(await bubble(page, '收到：你好呀').count()).toBe(1);
      await screenshot(page, `channel-${mode}-after-reload`);

      // The server restarts on the same address: the open page reconnects and carries on,
      // and a reload still shows the whole conversation.
      const port = Number(new URL(server.baseUrl).port);
      await server.stop();
      server = await startChannelServer(new ChannelTestBot(), { dataDir: server.dataDir, port });
      await say(page, '重启以后');
      await bubble(page, '收到：重启以后').waitFor({ timeout: 60000 });
      await page.reload();
      await bubble(page, '收到：重启以后').waitFor({ timeout: 15000 });
      expect(await bubble(page, '收到：你好呀').count()).toBe(1);
      expect(await bubble(page, '您好，我是测试机器人。').count()).toBe(1);
      await screenshot(page, `channel-${mode}-after-restart`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.stop();
      removeDir(server.dataDir);
    }
  });
});
