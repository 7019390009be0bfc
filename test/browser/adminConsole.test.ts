import { readFileSync } from 'node:fs';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday, statsSchema } from '../admin/support/adminHttp.js';
import { messageActivity, post } from '../app/appServer.js';
import { AgentClient } from '../web/support/agentClient.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { launchChromium, RESULTS_DIR, screenshot } from './support/launchChromium.js';

const LEAD = { login: 'lead.zhou', password: 'lead-password-42' };
const AGENT = { login: 'agent.wang', password: 'agent-password-42' };

/** Conversations over /api/messages whose outcomes are known; one more is handed off and rated 5 below. */
const SCRIPTED: Array<{ id: string; text: string; outcome: 'contained' | 'abstained' | 'outOfScope' }> = [
  { id: 'b-contained-1', text: '热插拔硬盘坏了是寄新的吗', outcome: 'contained' },
  { id: 'b-contained-2', text: '网卡保修几年', outcome: 'contained' },
  { id: 'b-abstained', text: '关于保修我有点疑问，13912345678', outcome: 'abstained' },
  { id: 'b-out-of-scope', text: '你们家两路的服务器现在什么价，给推荐个配置', outcome: 'outOfScope' },
];

let browser: Browser;
let app: RunningApp;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startApp();
  await app.built.agents.addAgent(LEAD.login, LEAD.password, 'admin');
  await app.built.agents.addAgent(AGENT.login, AGENT.password);
  for (const c of SCRIPTED) expect((await post(app.baseUrl, messageActivity(c.id, c.text))).status).toBe(200);
  // A customer on Direct Line asks for a human; the agent answers, resolves, and the customer rates 5.
  const agent = await AgentClient.login(app.baseUrl, AGENT.login, AGENT.password);
  const customer = await CustomerClient.start(app.baseUrl);
  try {
    await customer.waitForText(/售后服务小助手/);
    await customer.say('转人工');
    await customer.waitForText(/联系电话/);
    await customer.say('不用');
    await customer.waitForText(/排在第 1 位/);
    expect((await agent.call('POST', `/api/handoff/conversations/${customer.conversationId}/accept`)).status).toBe(200);
    expect(
      (
        await agent.call('POST', `/api/handoff/conversations/${customer.conversationId}/messages`, {
          text: '您好，我是王工。',
        })
      ).status,
    ).toBe(200);
    expect((await agent.call('POST', `/api/handoff/conversations/${customer.conversationId}/resolve`)).status).toBe(
      204,
    );
    await customer.waitForText(/打分/);
    await customer.say('5分');
    await customer.waitForText(/感谢您的评分/);
  } finally {
    customer.close();
  }
});

afterAll(async () => {
  await app?.stop();
  await browser?.close();
});

describe("/admin, the support lead's console", () => {
  it('when the lead logs in with the keyboard, then the dashboard and /api/admin/stats show exactly the scripted outcomes, adding up to 100 %', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.text().includes('Content Security Policy') && errors.push(m.text()));
    await page.goto(`${app.baseUrl}/admin`);
    await page.locator('#login-name').focus();
    await page.keyboard.type(LEAD.login);
    await page.keyboard.press('Tab');
    await page.keyboard.type(LEAD.password);
    await page.keyboard.press('Enter');
    const today = localToday();
    await page.locator('#status', { hasText: today }).waitFor();

    const expected = { conversations: 5, contained: 2, handedOff: 1, abstained: 1, outOfScope: 1 };
    for (const [key, value] of Object.entries(expected))
      expect(await page.locator(`#card-${key} .value`).textContent(), key).toBe(String(value));
    const rates = await Promise.all(
      ['contained', 'handedOff', 'abstained', 'outOfScope'].map(async (k) =>
        Number(/([\d.]+)%/.exec((await page.locator(`#card-${k} dd small`).textContent()) ?? '')?.[1]),
      ),
    );
    expect(Math.round(rates.reduce((a, b) => a + b, 0) * 10)).toBe(1000);
    expect(await page.locator('#card-csat .value').textContent()).toBe('5');
    const todayRow = page.locator('#days-table tbody tr', { has: page.locator('th', { hasText: today }) });
    expect(await todayRow.locator('td').allTextContents()).toEqual(expect.arrayContaining(['5', '2', '1']));

    const res = await fetch(`${app.baseUrl}/api/admin/stats?from=${today}&to=${today}`, {
      headers: { authorization: `Bearer ${await page.evaluate(() => sessionStorage.getItem('admin-console-token'))}` },
    });
    const stats = statsSchema.parse(await res.json());
    expect(stats).toMatchObject({ ...expected, csat: { count: 1, average: 5 } });
    expect(stats.days[0]?.ticketsOpened).toBe(1);

    // CSV export, by keyboard.
    await page.locator('#export-csv').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv).toContain(`${today},5,2,1,1,1,1,5,1`);

    // Readable at 1280×800: nothing wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(page, 'admin-1-dashboard');
    expect(errors).toEqual([]);
  });

  it('when the lead links an unanswered question after seeing its effect and dismisses another, all by keyboard, then both leave the inbox, the bot answers the linked one and the audit log has both', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.baseUrl}/admin`);
    await page.locator('#login-name').fill(LEAD.login);
    await page.locator('#login-password').fill(LEAD.password);
    await page.locator('#login-password').press('Enter');
    const group = page.locator('#groups > li', { hasText: '关于保修我有点疑问' });
    await group.waitFor();
    expect(await group.textContent()).not.toContain('13912345678');
    expect(await group.locator('.candidates li').count()).toBeGreaterThan(0);

    // Link through the manual form: policy and a piece of the clause, then the preview, then confirm.
    await group.locator('select').selectOption('standard-service');
    await group.locator('input[aria-label="条款原文片段"]').fill('硬件质保服务');
    await group.locator('button', { hasText: /^关联$/ }).focus();
    await page.keyboard.press('Enter');
    await group.locator('.preview', { hasText: '评估数据' }).waitFor();
    await page.locator('#inbox').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-2-inbox');
    // The confirm button has the focus: Enter submits.
    await page.keyboard.press('Enter');
    await page.locator('#audit-list li', { hasText: 'link' }).waitFor();
    await expect.poll(() => page.locator('#groups > li', { hasText: '关于保修我有点疑问' }).count()).toBe(0);
    expect((await post(app.baseUrl, messageActivity('b-after-link', '关于保修我有点疑问'))).texts).toContain(
      '「硬件质保服务」',
    );

    const other = page.locator('#groups > li', { hasText: '推荐个配置' });
    await other.locator('button', { hasText: '忽略' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#audit-list li', { hasText: 'dismiss' }).waitFor();
    await expect.poll(() => other.count()).toBe(0);
    expect(await page.locator('#audit-list li').first().textContent()).toContain(LEAD.login);
  });
});

afterAll(() => {
  // The README shows these two.
  mkdirSync('docs', { recursive: true });
  for (const name of ['admin-1-dashboard', 'admin-2-inbox']) {
    try {
      copyFileSync(join(RESULTS_DIR, `${name}.png`), join('docs', `${name}.png`));
    } catch {
      // A failed test leaves no screenshot; nothing to copy.
    }
  }
});
