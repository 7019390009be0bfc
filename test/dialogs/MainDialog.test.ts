import { describe, expect, it } from 'vitest';
import { JOIN_EVENT } from '../../src/bot/AfterSalesBot.js';
import { botHarness } from '../bot/botHarness.js';
import { fakeDependencies, fakeKnowledge, fakeMatcher, responseClause } from './fakes.js';
import { expectReply, type TranscriptRow } from './transcript.js';

const quote = responseClause.text;
const knowledge = fakeKnowledge({
  多久回复: {
    kind: 'answered',
    text: `根据保修政策原文：\n《融科联创服务器保修》电话响应时间：\n「${quote}」`,
    citations: [],
    confidence: 0.9,
    suggestions: [],
  },
});
const matcher = fakeMatcher([
  ['多久回复', 'policy_question', 0.9],
  ['报修', 'report_fault', 0.95],
  ['转人工', 'human_agent', 0.95],
  ['那个东西', 'report_fault', 0.4],
  ['你好', 'greeting', 0.9],
  ['查工单', 'ticket_status', 0.9],
]);

function setup() {
  const deps = fakeDependencies({ knowledge, matcher });
  return { deps, bot: botHarness(deps), w: deps.texts.wording };
}

async function play(bot: ReturnType<typeof botHarness>, rows: TranscriptRow[]) {
  for (const row of rows) expectReply(await bot.say(row[0]), row);
}

describe('MainDialog through the bot', () => {
  it('when the customer joins (membersAdded, then webchat/join on reconnect), then the welcome comes once', async () => {
    const { bot, w } = setup();
    const first = await bot.send({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user1', name: '客户' }],
      recipient: { id: 'bot', name: 'bot' },
    });
    expect(first).toContain(w.welcome);
    expect(await bot.send({ type: 'event', name: JOIN_EVENT })).toBe('');
  });

  it('when a second conversation starts with the webchat/join event, then it gets its own welcome', async () => {
    const { bot, w } = setup();
    expect(await bot.send({ type: 'event', name: JOIN_EVENT })).toContain(w.welcome);
  });

  it('when a policy question is asked, then it is answered inline with the clause quoted', async () => {
    const { bot } = setup();
    await play(bot, [['你们多久回复客户？', [quote, '电话响应时间']]]);
  });

  it('when an answer differs by policy, then the customer picks the product and gets that policy’s answer', async () => {
    const kb = fakeKnowledge({
      保修几年: {
        kind: 'ambiguous',
        text: '两份政策规定不同，请问您的产品是哪一类？',
        citations: [],
        confidence: 0.8,
        suggestions: [],
      },
    });
    const deps = fakeDependencies({ knowledge: kb, matcher: fakeMatcher([['保修几年', 'policy_question', 0.9]]) });
    const bot = botHarness(deps);
    await play(bot, [
      ['你们保修几年？', ['两份政策规定不同', '[融科联创服务器]', '[其他我司硬件或软件产品]']],
      ['融科联创服务器', '两份政策规定不同'],
    ]);
    expect(kb.asked).toEqual(['你们保修几年？', '你们保修几年？']);
    expect(kb.restrictedTo).toEqual([undefined, 'rongke-server']);
  });

  it('when the matcher is unsure, then a clarifying question offers the top candidates, and a second miss offers a human', async () => {
    const { bot, w } = setup();
    await play(bot, [
      ['那个东西怎么弄', [w.clarify, '[我要报修]'], w.offerHuman],
      ['阿巴阿巴', [w.offerHuman, '[转人工]']],
      ['好的', [w.handoff.askPhone]],
      // No product was named: the ticket is filed under the fallback policy, which promises no response time.
      ['13822223333', ['T20260101-0001', '您前面还有 1 位客户'], quote],
    ]);
  });

  it('when an understood message comes between two misses, then no human is offered', async () => {
    const { bot, w } = setup();
    await play(bot, [
      ['阿巴阿巴', w.notUnderstood, w.offerHuman],
      ['你好', w.greetingReply],
      ['呜啦呜啦', w.notUnderstood, w.offerHuman],
    ]);
  });

  it('when the customer asks for a human after a report, then the same ticket is updated and the relay is asked', async () => {
    const { bot, deps } = setup();
    await play(bot, [
      [
        '我要报修，型号R5300 序列号SN2024A00123 描述：机器无法上电 错误信息：无 配置：无 单位：无 联系人：刘工 电话13766667777 地址天津市和平区南京路1号',
        '请核对报修信息',
      ],
      ['行', 'T20260101-0001'],
      ['转人工', ['T20260101-0001', quote]],
    ]);
    expect(deps.tickets.created).toHaveLength(1);
    expect(deps.tickets.appended.map((a) => a.number)).toEqual(['T20260101-0001']);
    // Only what was said after the ticket was opened is added to it.
    expect(deps.tickets.appended[0]?.lines.map((l) => l.text)).toEqual(['转人工']);
    expect(deps.handoff.requests[0]).toMatchObject({
      ticketNumber: 'T20260101-0001',
      reason: 'customer_asked',
      conversationId: 'conv-1',
    });
  });

  it('when the customer checks the ticket opened in this conversation, then only the phone digits are asked', async () => {
    const { bot, deps, w } = setup();
    deps.tickets.phones.set('T20260101-0001', '13766667777');
    deps.tickets.views.push({
      number: 'T20260101-0001',
      state: '处理中',
      createdAt: '2026-01-01T01:00:00.000Z',
      history: [],
    });
    await play(bot, [
      [
        '我要报修，型号R5300 序列号SN2024A00123 描述：机器无法上电 错误信息：无 配置：无 单位：无 联系人：刘工 电话13766667777 地址天津市和平区南京路1号',
        '请核对报修信息',
      ],
      ['可以', 'T20260101-0001'],
      ['查工单', w.ticketStatus.askLast4, w.ticketStatus.askNumber],
      ['7777', ['T20260101-0001', '处理中']],
    ]);
  });

  it('when the customer asks for a human during a ticket lookup, then the lookup gives way to the handoff', async () => {
    const { bot, w } = setup();
    await play(bot, [
      ['查工单', w.ticketStatus.askNumber],
      ['转人工', w.handoff.askPhone],
      ['13500001111', 'T20260101-0001'],
    ]);
  });

  it('when a message is far too long, then the bot asks for a shorter one', async () => {
    const { bot, w } = setup();
    const max = String(fakeDependencies().texts.vocab.routing.maxTextLength);
    await play(bot, [['报修'.repeat(2000), w.tooLong.replace('{max}', max)]]);
  });

  it('when the customer cancels in the middle of a dialog, then it ends and the next message is routed afresh', async () => {
    const { bot, w } = setup();
    await play(bot, [
      ['我要报修', '产品型号'],
      ['算了', w.cancelled],
      ['你好', w.greetingReply],
    ]);
  });
});

describe('remembered contact details', () => {
  it('when the same customer reports a second fault, then their contact details are filled in from the first report', async () => {
    const { bot, deps } = setup();
    const question = (key: string) => deps.texts.form.find((f) => f.key === key)?.question ?? '';
    await play(bot, [
      [
        '报修：型号R5300 序列号SN2024A00123 描述：机器无法上电 错误信息：无 配置：无 单位：天河数据 联系人：刘工 电话13766667777 地址天津市和平区南京路1号',
        '请核对报修信息',
      ],
      ['对', 'T20260101-0001'],
      ['还要报修另一台，型号R7200 序列号SN2023Z00001', ['联系方式 13766667777', '刘工', question('description')]],
      ['RAID卡报警，阵列降级', question('errorMessage')],
      ['无', question('config')],
      ['无', ['请核对报修信息', '天津市和平区南京路1号', 'SN2023Z00001']],
    ]);
  });
});
