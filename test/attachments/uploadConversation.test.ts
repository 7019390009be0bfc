import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCount, loadAttachmentWording } from '../../src/attachments/attachmentWording.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { logText, png, pdf } from './support/fixtures.js';
import { uploadLikeWebChat, type UploadFile } from './support/upload.js';
import { fillTemplate } from '../../src/text/template.js';

const wording = loadAttachmentWording('knowledge');
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const AGENT = { login: 'agent.zhou', password: 'files-and-photos-9' };

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
  await app.built.agents.addAgent(AGENT.login, AGENT.password);
});
afterAll(async () => app?.stop());

async function customer(): Promise<CustomerClient> {
  const client = await CustomerClient.start(app.baseUrl);
  await client.waitForText(/售后服务小助手/);
  return client;
}

async function send(client: CustomerClient, files: UploadFile[], text?: string): Promise<void> {
  const res = await uploadLikeWebChat(app.baseUrl, client.conversationId, client.token, files, { text });
  expect(res.status).toBe(200);
}

/** Messages the customer received after the first `from` ones. */
const textsAfter = (client: CustomerClient, from: number) => client.texts().slice(from);

async function photos(count: number): Promise<UploadFile[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `指示灯${i + 1}.png`,
      type: 'image/png',
      bytes: await png(30 + i, 20, '#e80'),
    })),
  );
}

/** Opens a ticket for the conversation and has an agent ask for more (处理中 -> 待补充). */
async function ticketAwaitingSupplement(conversationId: string): Promise<string> {
  const ticket = await app.built.tickets.create({
    policy: 'rongke-server',
    conversationId,
    report: { model: 'R5300', serial: 'SN2026B00311', description: '风扇告警', phone: '13700002222' },
  });
  await app.built.tickets.moveByAgent(ticket.number, '处理中', AGENT.login);
  await app.built.tickets.moveByAgent(ticket.number, '待补充', AGENT.login, '请上传 BMC 日志截图');
  return ticket.number;
}

describe('files during the repair form', () => {
  it('when two photos arrive while the form asks, then one line confirms them, the form goes on, and the ticket lists them', async () => {
    const client = await customer();
    try {
      await client.say('我要报修');
      await client.waitForText(/产品型号/);
      const before = client.texts().length;
      await send(client, await photos(2));
      const confirmation = fillTemplate(wording.addedToReport, {
        what: describeCount(wording, ['image/png', 'image/png']),
      });
      await client.waitForText(literally(confirmation));
      expect(confirmation).toBe('已收到 2 张图片，已附到报修单。');
      await client.waitForText(/产品型号/);
      // The echo (files only) and the bot's confirmation, then the question again: nothing else.
      await new Promise((r) => setTimeout(r, 300));
      expect(textsAfter(client, before).filter((t) => t.includes('已收到'))).toEqual([confirmation]);

      await client.say(
        '型号R5300，序列号SN2026B00417，联系人周工，电话13700001234，地址杭州市西湖区文三路90号，故障：电源灯橙色闪烁开不了机',
      );
      await client.waitForText(/错误信息/);
      for (const answer of ['无', '无', '无']) await client.say(answer);
      await client.waitForText(/请核对报修信息/);
      await client.say('确认');
      await client.waitForText(/工单号/);
      const ticket = await app.built.tickets.findByConversation(client.conversationId);
      expect(ticket?.attachments.map((a) => [a.name, a.type])).toEqual([
        ['指示灯1.png', 'image/png'],
        ['指示灯2.png', 'image/png'],
      ]);
      expect(ticket?.attachments.every((a) => a.size > 0 && /^[A-Za-z0-9_-]{22}$/.test(a.id))).toBe(true);

      // The agents' ticket API lists them as {id, name, type, size}.
      const agent = await AgentClient.login(app.baseUrl, AGENT.login, AGENT.password);
      const api = await agent.call('GET', `/api/tickets/${ticket?.number ?? ''}`);
      expect(api.body).toMatchObject({ attachments: ticket?.attachments });
      expect(Object.keys(ticket?.attachments[0] ?? {}).sort()).toEqual(['id', 'name', 'size', 'type']);
    } finally {
      client.close();
    }
  });

  it('when the report starts with a file and 我要报修 in one message, then the file joins the new report', async () => {
    const client = await customer();
    try {
      await send(client, [{ name: 'sel.log', type: 'text/plain', bytes: logText() }], '我要报修');
      await client.waitForText(literally(fillTemplate(wording.addedToReport, { what: '1 个文件' })));
      await client.waitForText(/产品型号/);
      expect(client.texts().some((t) => t.includes(fillTemplate(wording.whatFor, { what: '1 个文件' })))).toBe(false);
    } finally {
      client.close();
    }
  });
});

describe('files and a human', () => {
  it('when a photo was sent during the report and the customer then asks for a human, then the handoff ticket carries the photo', async () => {
    const client = await customer();
    try {
      await client.say('我要报修');
      await client.waitForText(/产品型号/);
      await send(client, await photos(1));
      await client.waitForText(literally(fillTemplate(wording.addedToReport, { what: '1 张图片' })));
      await client.say('转人工');
      await client.waitForText(/联系电话/);
      await client.say('13700005555');
      await client.waitForText(/排在第/);
      const ticket = await app.built.tickets.findByConversation(client.conversationId);
      expect([ticket?.origin, ticket?.attachments.map((a) => a.name)]).toEqual(['handoff', ['指示灯1.png']]);
    } finally {
      client.close();
    }
  });
});

describe('files for a ticket', () => {
  it('when the ticket waits for a supplement (待补充), then the files join it, it goes back to 未处理 with a history note, and agents are told live', async () => {
    const client = await customer();
    const agent = await AgentClient.login(app.baseUrl, AGENT.login, AGENT.password);
    await agent.connect();
    try {
      const number = await ticketAwaitingSupplement(client.conversationId);
      await send(client, [{ name: 'bmc.log', type: 'text/plain', bytes: logText() }, ...(await photos(1))]);
      const what = describeCount(wording, ['text/plain', 'image/png']);
      await client.waitForText(
        literally(fillTemplate(wording.resubmitted, { what, ticket: number, from: '待补充', state: '未处理' })),
      );
      await agent.waitFor((ms) =>
        ms.some(
          (m) =>
            m.type === 'ticket' &&
            m.ticketNumber === number &&
            m.from === '待补充' &&
            m.state === '未处理' &&
            m.attachments.length === 2,
        ),
      );
      const ticket = await app.built.tickets.get(number);
      expect(ticket.state).toBe('未处理');
      expect(ticket.attachments.map((a) => a.name)).toEqual(['bmc.log', '指示灯1.png']);
      expect(ticket.history.at(-1)).toMatchObject({
        from: '待补充',
        to: '未处理',
        by: 'customer',
        note: fillTemplate(wording.supplementNote, { names: 'bmc.log、指示灯1.png' }),
      });
      expect(ticket.transcript.at(-1)).toMatchObject({
        from: 'customer',
        text: fillTemplate(wording.transcriptLine, { names: 'bmc.log、指示灯1.png' }),
      });
    } finally {
      client.close();
      agent.close();
    }
  });

  it('when the ticket is being handled (处理中), then the files join it and its state stays', async () => {
    const client = await customer();
    try {
      const ticket = await app.built.tickets.create({
        policy: 'standard-service',
        conversationId: client.conversationId,
        report: { description: '打印头报错' },
      });
      await app.built.tickets.moveByAgent(ticket.number, '处理中', AGENT.login);
      await send(client, [{ name: '报价单.pdf', type: 'application/pdf', bytes: pdf() }]);
      await client.waitForText(
        literally(fillTemplate(wording.addedToTicket, { what: '1 个文件', ticket: ticket.number, state: '处理中' })),
      );
      const after = await app.built.tickets.get(ticket.number);
      expect([after.state, after.attachments.map((a) => a.type)]).toEqual(['处理中', ['application/pdf']]);
    } finally {
      client.close();
    }
  });

  it('when there is no form and no open ticket, then the bot says what files are for, also after the ticket is closed', async () => {
    const client = await customer();
    try {
      await send(client, await photos(1));
      await client.waitForText(literally(fillTemplate(wording.whatFor, { what: '1 张图片' })));
      const ticket = await app.built.tickets.create({
        policy: 'standard-service',
        conversationId: client.conversationId,
        report: {},
      });
      await app.built.tickets.moveByAgent(ticket.number, '处理中', AGENT.login);
      await app.built.tickets.moveByAgent(ticket.number, '已结单', AGENT.login);
      const before = client.texts().length;
      await send(client, [{ name: 'later.log', type: 'text/plain', bytes: logText(3) }]);
      await client.waitForText(literally(fillTemplate(wording.whatFor, { what: '1 个文件' })));
      expect(textsAfter(client, before).some((t) => t.includes(ticket.number))).toBe(false);
      expect((await app.built.tickets.get(ticket.number)).attachments).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('when an agent has the conversation and asked for more, then the customer’s files re-submit the ticket, the bot stays silent and the agent sees them live', async () => {
    const client = await customer();
    const agent = await AgentClient.login(app.baseUrl, AGENT.login, AGENT.password);
    await agent.connect();
    try {
      await client.say('转人工');
      await client.waitForText(/联系电话/);
      await client.say('13700003333');
      await client.waitForText(/排在第/);
      expect((await agent.call('POST', `/api/handoff/conversations/${client.conversationId}/accept`)).status).toBe(200);
      await client.waitForText(/已接入/);
      agent.send({ type: 'watch', conversationId: client.conversationId, watermark: 0 });
      expect(
        (
          await agent.call('POST', `/api/handoff/conversations/${client.conversationId}/state`, {
            to: '待补充',
            note: '请拍一下前面板',
          })
        ).status,
      ).toBe(200);
      const before = client.texts().length;
      await send(client, await photos(1));
      await agent.waitFor((ms) =>
        ms.some((m) => m.type === 'ticket' && m.conversationId === client.conversationId && m.state === '未处理'),
      );
      await agent.waitFor((ms) =>
        ms.some(
          (m) =>
            m.type === 'activities' &&
            m.activities.some((a) => Array.isArray(a.attachments) && a.attachments.length === 1),
        ),
      );
      await new Promise((r) => setTimeout(r, 400));
      // Only the customer's own message (the photo) was added to the chat.
      expect(textsAfter(client, before)).toEqual(['']);
      const ticket = await app.built.tickets.findByConversation(client.conversationId);
      expect([ticket?.state, ticket?.attachments.map((a) => a.name)]).toEqual(['未处理', ['指示灯1.png']]);
    } finally {
      client.close();
      agent.close();
    }
  });
});
