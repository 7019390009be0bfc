import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentMoves } from '../../src/tickets/ticketLifecycle.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { bubble, launchChromium, say, screenshot, suggestedAction } from './support/launchChromium.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const AGENT = { login: 'agent.li', password: 'correct-horse-42' };
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

async function agentLogsIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/agent`);
  await page.locator('#login-name').fill(AGENT.login);
  await page.locator('#login-password').fill(AGENT.password);
  await page.locator('#login-form button[type=submit]').click();
  await page.locator('#connection', { hasText: '在线' }).waitFor();
}

describe.each([
  ['websocket', ''],
  ['polling', '?transport=polling'],
])('customer on /chat and agent on /agent (%s)', (mode, query) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
    await app.built.agents.addAgent(AGENT.login, AGENT.password);
  });
  afterAll(async () => app?.stop());

  it('when a customer asks, reports, asks for a human, and the agent accepts, replies and resolves, then the customer rates and the rating is on the ticket', async () => {
    const agent = await browser.newPage();
    const customer = await browser.newPage();
    const agentErrors: string[] = [];
    agent.on('pageerror', (e) => agentErrors.push(e.message));
    // The pages work under their Content-Security-Policy: the browser refuses nothing.
    const refusedByCsp: string[] = [];
    for (const page of [agent, customer])
      page.on(
        'console',
        (message) => message.text().includes('Content Security Policy') && refusedByCsp.push(message.text()),
      );
    await agentLogsIn(agent, app.baseUrl);

    await customer.goto(`${app.baseUrl}/chat${query}`);
    await bubble(customer, '售后服务小助手').first().waitFor();

    // A policy question gets an answer quoting the policy.
    await say(customer, '服务器的内存条坏了，在保修范围内吗');
    await bubble(customer, '融科联创服务器保修').first().waitFor();

    // A fault report, then a human.
    await say(customer, '我要报修');
    await bubble(customer, '产品型号').first().waitFor();
    await say(customer, `型号RS7000，序列号AB12345678`);
    await bubble(customer, 'AB12345678').first().waitFor();
    await say(customer, '转人工');
    await bubble(customer, '联系电话').first().waitFor();
    await say(customer, '13900001111');
    await bubble(customer, /排在第 1 位/).waitFor();
    await screenshot(customer, `e2e-${mode}-1-customer-queued`);

    // The agent sees it in the queue (with a title notification), accepts.
    const item = agent.locator('#queue li').first();
    await item.waitFor();
    await expect.poll(() => agent.title(), { timeout: 5000, interval: 200 }).toContain('新排队');
    await expect.poll(() => item.locator('.waiting').textContent()).toMatch(/等待 \d+ 秒/);
    await screenshot(agent, `e2e-${mode}-2-agent-queue`);
    await item.locator('button.accept').click();
    await bubble(customer, '已接入').waitFor();

    // Side panel: report fields, suggestions with citations, transcript.
    await agent.locator('#report dd', { hasText: 'AB12345678' }).waitFor();
    // The field titles come from the one definition of the repair form (GET /api/repair-form).
    await agent.locator('#report dt', { hasText: '产品序列号' }).waitFor();
    await agent.locator('#suggestions li').first().waitFor();
    expect(await agent.locator('#suggestion-question').textContent()).not.toBe('');
    expect(await agent.locator('#suggestions .hint').first().textContent()).toContain('依据');
    expect(await agent.locator('#ticket-state').textContent()).toBe('处理中');

    // Live both ways; the bot stays silent; hostile text shows as text.
    await agent.locator('#reply').fill('您好，我是客服小李，马上为您查看。');
    await agent.locator('#reply').press('Enter');
    await bubble(customer, '我是客服小李').waitFor();
    await say(customer, HOSTILE);
    await agent.locator('#messages li.user', { hasText: HOSTILE }).waitFor();
    expect(await agent.locator('#messages img').count()).toBe(0);
    expect(await agent.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();
    const bubblesBefore = await customer.locator('.webchat__bubble__content').count();
    await say(customer, '服务器的保修期是多久');
    await agent.locator('#messages li.user', { hasText: '保修期是多久' }).waitFor();
    await customer.waitForTimeout(1500);
    // Only the customer's own message was added: the bot did not answer while the agent has it.
    expect(await customer.locator('.webchat__bubble__content').count()).toBe(bubblesBefore + 1);

    // A private note and a legal state change.
    await agent.locator('#note').fill('客户设备疑似主板故障');
    await agent.locator('#note-form button').click();
    await agent.locator('#notes li', { hasText: '疑似主板故障' }).waitFor();
    await agent.locator('#moves button', { hasText: '待补充' }).click();
    await agent.locator('#ticket-state', { hasText: '待补充' }).waitFor();
    // Only the moves the policy's lifecycle allows from 待补充 are offered.
    expect(await agent.locator('#moves button').allTextContents()).toEqual(
      agentMoves['待补充'].map((to) => `改为 ${to}`),
    );

    // The customer typing shows in the console.
    await customer.locator('[data-id="webchat-sendbox-input"]').pressSequentially('还有', { delay: 50 });
    await agent.locator('#typing').waitFor({ state: 'visible' });
    await customer.locator('[data-id="webchat-sendbox-input"]').fill('');
    await screenshot(agent, `e2e-${mode}-3-agent-live`);

    // Resolve: the bot takes back and asks for a rating.
    await agent.locator('#resolve').click();
    await bubble(customer, '请为本次服务打分').waitFor();
    await suggestedAction(customer, '5').click();
    await bubble(customer, '感谢您的评分').waitFor();
    await screenshot(customer, `e2e-${mode}-4-customer-rated`);

    const ticket = await app.built.tickets.findByConversation(await conversationIdOf(customer));
    expect(ticket?.rating).toBe(5);
    expect(ticket?.report.serial).toBe('AB12345678');
    expect(ticket?.transcript.some((line) => line.from === 'agent' && line.text.includes('客服小李'))).toBe(true);
    expect(agentErrors).toEqual([]);
    expect(refusedByCsp).toEqual([]);
    await agent.close();
    await customer.close();
  });
});

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
