import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCount, loadAttachmentWording } from '../../src/attachments/attachmentWording.js';
import { png } from '../attachments/support/fixtures.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { bubble, launchChromium, say, screenshot } from './support/launchChromium.js';
import { fillTemplate } from '../../src/text/template.js';

const wording = loadAttachmentWording('knowledge');
const AGENT = { login: 'agent.sun', password: 'thumbnails-shown-3' };

let browser: Browser;
let app: RunningApp;
beforeAll(async () => {
  browser = await launchChromium();
  app = await startApp();
  await app.built.agents.addAgent(AGENT.login, AGENT.password);
});
afterAll(async () => {
  await app?.stop();
  await browser?.close();
});

/** True once the image has been fetched and decoded (a broken or blocked image has no natural width). */
async function loaded(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((node) => node instanceof HTMLImageElement && node.complete && node.naturalWidth > 0);
}

async function conversationIdOf(page: Page): Promise<string> {
  const stored = await page.evaluate(() => sessionStorage.getItem('after-sales-chat'));
  const parsed: unknown = JSON.parse(stored ?? '{}');
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'conversationId' in parsed &&
    typeof parsed.conversationId === 'string'
  )
    return parsed.conversationId;
  throw new Error('no conversation stored');
}

describe('a photo through Web Chat’s attachment button', () => {
  it('when the customer attaches a PNG during a repair report, then the bot confirms, the ticket lists it and the agent sees its thumbnail', async () => {
    const customer = await browser.newPage();
    const agent = await browser.newPage();
    const errors: string[] = [];
    for (const page of [customer, agent]) page.on('pageerror', (e) => errors.push(e.message));
    try {
      await customer.goto(`${app.baseUrl}/chat`);
      await bubble(customer, '售后服务小助手').first().waitFor();
      await say(customer, '我要报修');
      await bubble(customer, '产品型号').first().waitFor();

      // Web Chat's own upload button opens the file chooser; a picked file goes out at once.
      const chooser = customer.waitForEvent('filechooser');
      await customer.locator('.webchat__upload-button button').click();
      await (await chooser).setFiles({ name: '前面板.png', mimeType: 'image/png', buffer: await png(120, 80, '#d22') });
      await bubble(
        customer,
        fillTemplate(wording.addedToReport, { what: describeCount(wording, ['image/png']) }),
      ).waitFor();
      // The customer's own message now shows the picture from our server (a link signed for their token).
      const ownPicture = 'img[src*="/attachments/"][src*="/thumbnail?exp="]';
      await customer.locator(ownPicture).first().waitFor();
      await expect.poll(() => loaded(customer, ownPicture)).toBe(true);
      await screenshot(customer, 'attachments-1-customer-photo');

      await say(
        customer,
        '型号R7200，序列号SN2026C00919，联系人吴工，电话13811112222，地址成都市高新区天府大道100号，故障：硬盘指示灯不亮',
      );
      await bubble(customer, '错误信息').first().waitFor();
      for (const answer of ['无', '无', '无']) {
        const count = await customer.locator('.webchat__bubble__content').count();
        await say(customer, answer);
        await expect.poll(() => customer.locator('.webchat__bubble__content').count()).toBeGreaterThan(count + 1);
      }
      await bubble(customer, '请核对报修信息').first().waitFor();
      await say(customer, '确认');
      await bubble(customer, '工单号').first().waitFor();
      const ticket = await app.built.tickets.findByConversation(await conversationIdOf(customer));
      expect(ticket?.attachments.map((a) => [a.name, a.type])).toEqual([['前面板.png', 'image/png']]);

      // The customer asks for a human; the agent accepts and sees the thumbnail in the chat and on the ticket.
      await say(customer, '转人工');
      await bubble(customer, /排在第 1 位/).waitFor();
      await agent.goto(`${app.baseUrl}/agent`);
      await agent.locator('#login-name').fill(AGENT.login);
      await agent.locator('#login-password').fill(AGENT.password);
      await agent.locator('#login-form button[type=submit]').click();
      await agent.locator('#queue li button.accept').first().click();
      await bubble(customer, '已接入').waitFor();
      await agent.locator('#ticket-attachments img.thumbnail').waitFor();
      await agent.locator('#messages img.thumbnail').first().waitFor();
      await expect.poll(() => loaded(agent, '#ticket-attachments img.thumbnail')).toBe(true);
      await expect.poll(() => loaded(agent, '#messages img.thumbnail')).toBe(true);
      expect(await agent.locator('#ticket-attachments .file-link').textContent()).toContain('前面板.png');
      await screenshot(agent, 'attachments-2-agent-thumbnail');
      expect(errors).toEqual([]);
    } finally {
      await customer.close();
      await agent.close();
    }
  });
});
