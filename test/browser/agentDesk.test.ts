import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { todayIso } from '../../src/coverage/isoDate.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { bubble, launchChromium, say, screenshot } from './support/launchChromium.js';

const AGENT = { login: 'agent.desk', password: 'desk-browser-pw-7' };
const handoffWording = z
  .object({ agentName: z.string() })
  .parse(JSON.parse(readFileSync('knowledge/handoff/wording.json', 'utf8')));
const decisionHeader = z
  .object({ coverage: z.object({ decisionHeader: z.string() }) })
  .parse(JSON.parse(readFileSync('knowledge/dialogs/wording.json', 'utf8'))).coverage.decisionHeader;

// The handoff's clock runs with real time plus minutes moved on by hand.
let skippedMs = 0;
let browser: Browser;
let app: RunningApp;
beforeAll(async () => {
  browser = await launchChromium();
  app = await startApp(
    { QUEUE_AWAY_AFTER_MINUTES: '2', QUEUE_LEAVE_AFTER_MINUTES: '10' },
    { now: () => new Date(Date.now() + skippedMs) },
  );
  await app.built.agents.addAgent(AGENT.login, AGENT.password);
});
afterAll(async () => {
  await app?.stop();
  await browser?.close();
});

async function conversationIdOf(page: Page): Promise<string> {
  const stored = z
    .object({ conversationId: z.string() })
    .parse(JSON.parse((await page.evaluate(() => sessionStorage.getItem('after-sales-chat'))) ?? '{}'));
  return stored.conversationId;
}

describe("the agents' desk in a browser", () => {
  it('when a queued customer has a 融科 ticket with a coverage decision and an earlier ticket, then the console shows the decision in words, links both tickets, names the agent in Web Chat and marks a customer who left as away', async () => {
    const agent = await browser.newPage();
    const customer = await browser.newPage();
    const pageErrors: string[] = [];
    for (const page of [agent, customer]) page.on('pageerror', (e) => pageErrors.push(e.message));
    await agent.goto(`${app.baseUrl}/agent`);
    await agent.locator('#login-name').fill(AGENT.login);
    await agent.locator('#login-password').fill(AGENT.password);
    await agent.locator('#login-form button[type=submit]').click();
    await agent.locator('#connection', { hasText: '在线' }).waitFor();

    // The customer asks for a human (a handoff ticket); a repair report of their 融科 server, with a decision, is what the handoff is about.
    await customer.goto(`${app.baseUrl}/chat`);
    await bubble(customer, '售后服务小助手').first().waitFor();
    await say(customer, '转人工');
    await bubble(customer, '联系电话').first().waitFor();
    await say(customer, '不用');
    await bubble(customer, /排在第/)
      .first()
      .waitFor();
    const conversationId = await conversationIdOf(customer);
    const handoffTicket = (await app.built.tickets.findByConversation(conversationId))?.number ?? '';
    const assessed = app.built.services.coverage.assess(
      '我2024年5月在成都买的融科服务器，硬盘坏了，正常使用中突然坏的',
      todayIso(480),
    );
    const quote =
      z
        .object({ citations: z.array(z.object({ quote: z.string() })).min(1) })
        .loose()
        .parse(assessed.decision).citations[0]?.quote ?? '';
    const server = await app.built.tickets.create({
      policy: 'rongke-server',
      report: { model: 'R5300', phone: '13812345678' },
      coverage: { facts: assessed.facts, decision: assessed.decision },
      conversationId,
      origin: 'repair_report',
    });
    await app.built.web.handoff.service.requestHandoff({
      ticketNumber: server.number,
      conversationId,
      reference: {},
      reason: 'repair_report',
    });

    // The decision in words with its clause, not raw values.
    await agent.locator('#queue li', { hasText: server.number }).click();
    await agent.locator('#coverage', { hasText: decisionHeader }).waitFor();
    const coverage = (await agent.locator('#coverage').textContent()) ?? '';
    expect(coverage).toContain(quote.slice(0, 20));
    expect(coverage).not.toMatch(/policy:|rongke-server|\brepair\b/);
    // Both tickets listed, the current one marked; the other opens on click, and back.
    await expect.poll(() => agent.locator('#tickets li').count()).toBe(2);
    expect(await agent.locator('#tickets li.shown').textContent()).toContain(server.number);
    await screenshot(agent, 'desk-1-decision-and-tickets');
    await agent.locator('#tickets button', { hasText: handoffTicket }).click();
    await agent.locator('#ticket-number', { hasText: handoffTicket }).waitFor();
    expect(await agent.locator('#coverage').textContent()).toBe('（尚无判定）');
    expect(await agent.locator('#ticket-current').isHidden()).toBe(true);
    await agent.locator('#tickets button', { hasText: server.number }).click();
    await agent.locator('#ticket-number', { hasText: server.number }).waitFor();

    // An internal note is marked so; the agent's reply reaches Web Chat under their name as a person.
    await agent.locator('#accept-current').click();
    await agent.locator('#note').fill('客户很着急');
    await agent.locator('#note-form button').click();
    await agent.locator('#notes li.internal', { hasText: '客户很着急' }).waitFor();
    await agent.locator('#reply').fill('您好，硬盘问题我来跟进');
    await agent.locator('#reply').press('Enter');
    await bubble(customer, '硬盘问题我来跟进').waitFor();
    const agentName = handoffWording.agentName.replace('{agent}', AGENT.login);
    await customer.getByText(agentName).first().waitFor();
    await screenshot(customer, 'desk-2-customer-sees-agent-name');

    // Another customer waits, then closes the chat: two minutes on, the console marks them away.
    const leaving = await CustomerClient.start(app.baseUrl);
    await leaving.waitForText(/售后服务小助手/);
    await leaving.say('转人工');
    await leaving.waitForText(/联系电话/);
    await leaving.say('不用');
    await leaving.waitForText(/排在第/);
    const leavingTicket = (await app.built.tickets.findByConversation(leaving.conversationId))?.number ?? '';
    const item = agent.locator('#queue li', { hasText: leavingTicket });
    await item.waitFor();
    expect(await item.locator('.away-mark').count()).toBe(0);
    leaving.close();
    // Once the closed stream is recorded, two minutes pass on the handoff's clock and the queue is swept.
    await expect
      .poll(async () => (await app.built.web.handoff.service.mustGet(leaving.conversationId)).customerGoneAt, {
        timeout: 10000,
      })
      .not.toBeNull();
    skippedMs += 2 * 60_000;
    await app.built.web.handoff.presence.sweep();
    await agent.locator('#queue li.away', { hasText: leavingTicket }).waitFor();
    expect(await item.locator('.away-mark').textContent()).toContain('客户已离开');
    await screenshot(agent, 'desk-3-away');
    expect(pageErrors).toEqual([]);
    await agent.close();
    await customer.close();
  });
});
