import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { todayIso } from '../../src/coverage/isoDate.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';
import { CustomerClient } from '../web/support/customerClient.js';

const AGENT = { login: 'agent.desk', password: 'desk-agent-pw-1' };
const handoffWording = z
  .object({ agentName: z.string() })
  .parse(JSON.parse(readFileSync('knowledge/handoff/wording.json', 'utf8')));
const coverageWording = z
  .object({
    coverage: z.object({ covered: z.string(), notCovered: z.string(), unsure: z.string(), decisionHeader: z.string() }),
  })
  .parse(JSON.parse(readFileSync('knowledge/dialogs/wording.json', 'utf8')));

const citationSchema = z.object({ policy: z.string(), section: z.string(), quote: z.string() });
const summarySchema = z.object({ number: z.string(), policy: z.string(), state: z.string() });
const detailSchema = z.object({
  session: z.object({ conversationId: z.string(), ticketNumber: z.string().nullable() }),
  ticket: z
    .object({ number: z.string(), comments: z.array(z.object({ text: z.string(), visibility: z.string() })) })
    .nullable(),
  tickets: z.array(summarySchema),
  coverageText: z.string().nullable(),
});
const suggestionsSchema = z.object({
  question: z.string(),
  policy: z.string().nullable(),
  suggestions: z.array(z.object({ text: z.string(), citations: z.array(citationSchema) })),
});

let app: RunningApp;
let agent: AgentClient;
const customers: CustomerClient[] = [];

beforeAll(async () => {
  app = await startApp();
  await app.built.agents.addAgent(AGENT.login, AGENT.password);
  agent = await AgentClient.login(app.baseUrl, AGENT.login, AGENT.password);
  await agent.connect();
});
afterAll(async () => {
  agent.close();
  for (const c of customers) c.close();
  await app.stop();
});

/**
 * A customer who asked about the hotline, then for a human (a standard-service handoff ticket),
 * and who also reported a 融科 server (a second ticket with a coverage decision) that the
 * handoff is now about, as when a repair report is left for a human.
 */
async function customerWithTwoTickets(): Promise<{
  customer: CustomerClient;
  handoffTicket: string;
  serverTicket: string;
  decision: { citations: Array<z.infer<typeof citationSchema>> };
}> {
  const customer = await CustomerClient.start(app.baseUrl);
  customers.push(customer);
  await customer.waitForText(/售后服务小助手/);
  await customer.say('热线电话是多少');
  await customer.waitForText(/热线|4009|400-018/);
  await customer.say('转人工');
  await customer.waitForText(/联系电话/);
  await customer.say('不用');
  await customer.waitForText(/排在第/);
  const handoffTicket = (await app.built.tickets.findByConversation(customer.conversationId))?.number ?? '';
  const assessed = app.built.services.coverage.assess(
    '我2024年5月在成都买的融科服务器，硬盘坏了，正常使用中突然坏的',
    todayIso(480),
  );
  const decision = z
    .object({ citations: z.array(citationSchema).min(1) })
    .loose()
    .parse(assessed.decision);
  const server = await app.built.tickets.create({
    policy: 'rongke-server',
    report: { model: 'R5300', serial: 'SN2024A00123', phone: '13812345678', description: '硬盘指示灯闪红灯' },
    coverage: { facts: assessed.facts, decision: assessed.decision },
    conversationId: customer.conversationId,
    origin: 'repair_report',
  });
  await app.built.web.handoff.service.requestHandoff({
    ticketNumber: server.number,
    conversationId: customer.conversationId,
    reference: {},
    reason: 'repair_report',
  });
  return { customer, handoffTicket, serverTicket: server.number, decision };
}

describe("the agents' desk", () => {
  it('when a conversation has two tickets, then the detail shows the current one with its coverage decision in words and citations, and lists both', async () => {
    const { customer, handoffTicket, serverTicket, decision } = await customerWithTwoTickets();
    const detail = detailSchema.parse(
      (await agent.call('GET', `/api/handoff/conversations/${customer.conversationId}`)).body,
    );
    expect(detail.ticket?.number).toBe(serverTicket);
    expect(detail.tickets.map((t) => t.number)).toEqual([handoffTicket, serverTicket]);
    const words = detail.coverageText ?? '';
    const { coverage: w } = coverageWording;
    expect(words.startsWith(w.decisionHeader)).toBe(true);
    expect([w.covered, w.notCovered, w.unsure].some((verdict) => words.includes(verdict))).toBe(true);
    for (const c of decision.citations) expect(words).toContain(c.quote);
    // Words, not the engine's raw values.
    expect(words).not.toMatch(/\b(repair|replace|rongke-server|onsite)\b/);

    const other = detailSchema.parse(
      (await agent.call('GET', `/api/handoff/conversations/${customer.conversationId}?ticket=${handoffTicket}`)).body,
    );
    expect(other.ticket?.number).toBe(handoffTicket);
    expect(other.coverageText).toBeNull();
    const stranger = await customerWithTwoTickets();
    expect(
      (await agent.call('GET', `/api/handoff/conversations/${customer.conversationId}?ticket=${stranger.serverTicket}`))
        .status,
    ).toBe(404);
  });

  it("when the ticket is a 融科 server's, then every suggested reply quotes that policy, never the other policy's cloud hotline", async () => {
    const { customer } = await customerWithTwoTickets();
    const body = suggestionsSchema.parse(
      (await agent.call('GET', `/api/handoff/conversations/${customer.conversationId}/suggestions`)).body,
    );
    expect(body.policy).toBe('rongke-server');
    expect(body.question).toBe('热线电话是多少');
    expect(body.suggestions.length).toBeGreaterThan(0);
    for (const s of body.suggestions) {
      expect(s.citations.every((c) => c.policy === 'rongke-server')).toBe(true);
      expect(s.text).not.toContain('4009-100-100');
    }
    // The question alone, without the ticket, does bring in the other policy: the filter matters.
    const unfiltered = app.built.services.knowledge.rank(body.question, { limit: 3 });
    expect(unfiltered.some((r) => r.clause.policy === 'standard-service')).toBe(true);
  });

  it('when the agent writes an internal note and a state-change note, then the customer sees neither; a customer-visible message reaches their chat and their ticket view', async () => {
    const { customer, serverTicket } = await customerWithTwoTickets();
    const id = customer.conversationId;
    expect((await agent.call('POST', `/api/handoff/conversations/${id}/accept`)).status).toBe(200);
    expect(
      (await agent.call('POST', `/api/handoff/conversations/${id}/notes`, { text: '内部：客户上月也报过修' })).status,
    ).toBe(200);
    expect(
      (
        await agent.call('POST', `/api/handoff/conversations/${id}/state`, {
          to: '待补充',
          note: '怀疑是人为损坏',
          noteVisibility: 'internal',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await agent.call('POST', `/api/handoff/conversations/${id}/notes`, {
          text: '请拍一张硬盘指示灯的照片发给我们',
          visibility: 'customer',
        })
      ).status,
    ).toBe(200);
    await customer.waitForText(/硬盘指示灯的照片/);

    const view = await app.built.tickets.findForCustomer(serverTicket, '5678');
    expect(view?.messages.map((m) => m.text)).toEqual(['请拍一张硬盘指示灯的照片发给我们']);
    expect(JSON.stringify(view)).not.toMatch(/上月也报过|人为损坏/);
    expect(customer.texts().join('\n')).not.toMatch(/上月也报过|人为损坏/);
    const ticket = await app.built.tickets.get(serverTicket);
    expect(ticket.comments.map((c) => [c.text, c.visibility])).toEqual([
      ['内部：客户上月也报过修', 'internal'],
      ['请拍一张硬盘指示灯的照片发给我们', 'customer'],
    ]);
    expect(ticket.history.at(-1)).toMatchObject({ note: '怀疑是人为损坏', noteVisibility: 'internal' });

    // Chosen for the customer, a state change's note is theirs to read; a note may go on the conversation's other ticket.
    expect(
      (
        await agent.call('POST', `/api/handoff/conversations/${id}/state`, {
          to: '未处理',
          note: '已收到照片，重新评估',
          noteVisibility: 'customer',
        })
      ).status,
    ).toBe(200);
    expect((await app.built.tickets.findForCustomer(serverTicket, '5678'))?.history.at(-1)?.note).toBe(
      '已收到照片，重新评估',
    );
    const [first] = detailSchema.parse((await agent.call('GET', `/api/handoff/conversations/${id}`)).body).tickets;
    expect(
      (
        await agent.call('POST', `/api/handoff/conversations/${id}/notes`, {
          text: '与报修单是同一台',
          ticket: first?.number,
        })
      ).status,
    ).toBe(200);
    expect((await app.built.tickets.get(first?.number ?? '')).comments.at(-1)?.text).toBe('与报修单是同一台');
  });

  it("when a human agent speaks, then the customer's chat names them as a person, apart from the bot", async () => {
    const { customer } = await customerWithTwoTickets();
    await agent.call('POST', `/api/handoff/conversations/${customer.conversationId}/accept`);
    await agent.call('POST', `/api/handoff/conversations/${customer.conversationId}/messages`, {
      text: '您好，我来帮您看看',
    });
    await customer.waitForText(/我来帮您看看/);
    const activities = customer.stream.sets.flatMap((s) => s.activities);
    const fromSchema = z.object({ from: z.object({ id: z.string(), name: z.string().optional() }) });
    const agentSaid = fromSchema.parse(activities.find((a) => a.text === '您好，我来帮您看看'));
    expect(agentSaid.from.name).toBe(handoffWording.agentName.replace('{agent}', AGENT.login));
    const botSaid = fromSchema.parse(activities.find((a) => a.text?.includes('售后服务小助手')));
    expect(botSaid.from.id).not.toBe(agentSaid.from.id);
    expect(botSaid.from.name).not.toBe(agentSaid.from.name);
  });
});
