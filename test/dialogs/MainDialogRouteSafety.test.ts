import { describe, expect, it } from 'vitest';
import { botHarness } from '../bot/botHarness.js';
import { fakeDependencies, fakeKnowledge, fakeMatcher } from './fakes.js';
import { expectReply, type TranscriptRow } from './transcript.js';

// The matcher takes anything naming a person for a request for a human, as a real one may.
const matcher = fakeMatcher([
  ['报修', 'report_fault', 0.95],
  ['转人工', 'human_agent', 0.95],
  ['老板', 'human_agent', 0.8],
  ['真人', 'human_agent', 0.8],
  ['机器人', 'human_agent', 0.8],
  ['再见', 'goodbye', 0.9],
  ['谢谢', 'goodbye', 0.9],
  ['你好', 'greeting', 0.9],
]);

function setup() {
  const deps = fakeDependencies({ knowledge: fakeKnowledge({}), matcher });
  const bot = botHarness(deps);
  return {
    deps,
    w: deps.texts.wording,
    say: (text: string) => bot.say(text),
    async play(rows: TranscriptRow[]) {
      for (const row of rows) expectReply(await bot.say(row[0]), row);
    },
  };
}

const paste = '服务器开机后风扇一直狂转，管理口日志如下：'.repeat(150);

describe('an overlong message', () => {
  it('when a 3,000-character paste follows two misunderstood messages, then it gets exactly one reply and the conversation goes on', async () => {
    const { w, say, play } = setup();
    const max = String(fakeDependencies().texts.vocab.routing.maxTextLength);
    await play([
      ['阿巴阿巴', w.notUnderstood],
      ['呜啦呜啦', w.offerHuman],
    ]);
    expect(paste.length).toBeGreaterThanOrEqual(3000);
    const reply = await say(paste);
    expect(reply).toBe(w.tooLong.replace('{max}', max));
    await play([['你好', w.greetingReply, w.offerHuman]]);
  });

  it('when a paste comes as the first message, then the one reply asks for a shorter message and nothing counts as misunderstood', async () => {
    const { w, say, play } = setup();
    expect((await say(paste)).split('\n')).toHaveLength(1);
    await play([
      ['阿巴阿巴', w.notUnderstood, w.offerHuman],
      [paste, w.tooLong.slice(0, 6), w.offerHuman],
    ]);
  });

  it('when a paste comes in the middle of the repair form, then the same item is asked again on the next message', async () => {
    const { deps, say, play, w } = setup();
    const question = (key: string) => deps.texts.form.find((f) => f.key === key)?.question ?? '';
    await play([['我要报修 型号R5300', question('serial')]]);
    expect((await say(paste)).split('\n')).toEqual([
      w.tooLong.replace('{max}', String(deps.texts.vocab.routing.maxTextLength)),
    ]);
    await play([['SN2024A00123', question('description')]]);
  });
});

describe('who gets a human', () => {
  it('when the customer asks whether they talk to a robot or a real person, then the bot says it is the bot and offers a human without handing off', async () => {
    const { deps, w, play } = setup();
    await play([
      ['你是机器人吧', [w.botIdentity, '[转人工]'], w.handoff.askPhone],
      ['你是真人吗', w.botIdentity, w.handoff.askPhone],
    ]);
    expect(deps.handoff.requests).toHaveLength(0);
    expect(deps.tickets.created).toHaveLength(0);
  });

  it('when the customer takes up the offer of a human after asking who answers, then the handoff starts', async () => {
    const { deps, w, play } = setup();
    await play([
      ['你是真人吗', w.botIdentity],
      ['好的', w.handoff.askPhone],
      ['13812345678', 'T20260101-0001'],
    ]);
    expect(deps.handoff.requests.map((r) => r.reason)).toEqual(['bot_offer']);
  });

  it('when the customer chats about the staff, then no ticket is opened and nobody is queued', async () => {
    const { deps, w, play } = setup();
    await play([
      ['你们老板是谁', w.outOfScope, w.handoff.askPhone],
      ['你们老板是男的女的', w.outOfScope, w.handoff.askPhone],
    ]);
    expect(deps.handoff.requests).toHaveLength(0);
    expect(deps.tickets.created).toHaveLength(0);
  });

  it('when the customer takes leave right after being offered a human, then they get a goodbye and nobody is queued', async () => {
    const { deps, w, play } = setup();
    await play([
      ['你们老板是谁', w.outOfScope],
      ['你们食堂好吃吗', w.offerHuman],
      ['好吧，再见', w.goodbye, w.handoff.askPhone],
      ['哈哈行吧 不打扰你们啦 拜拜', w.goodbye, w.greetingReply],
    ]);
    expect(deps.handoff.requests).toHaveLength(0);
    expect(deps.tickets.created).toHaveLength(0);
  });

  it('when the customer says goodbye instead of a phone number, then no ticket is created and nobody is queued', async () => {
    const { deps, w, play } = setup();
    await play([
      ['转人工', w.handoff.askPhone],
      ['那不用了，谢谢，再见', w.handoff.leftBeforeQueue],
      ['你好', w.greetingReply],
    ]);
    expect(deps.tickets.created).toHaveLength(0);
    expect(deps.handoff.requests).toHaveLength(0);
  });

  it('when the customer only declines to leave a phone ("不用了，谢谢"), then the handoff goes on without one', async () => {
    const { deps, w, play } = setup();
    await play([
      ['转人工', w.handoff.askPhone],
      ['不用了，谢谢', 'T20260101-0001', w.handoff.leftBeforeQueue],
    ]);
    expect(deps.handoff.requests).toHaveLength(1);
  });

  it('when the conversation’s ticket was closed, then a new request for a human opens a new ticket instead of adding to the closed one', async () => {
    const { deps, w, play } = setup();
    await play([
      ['转人工', w.handoff.askPhone],
      ['13812345678', 'T20260101-0001'],
    ]);
    deps.tickets.closed.add('T20260101-0001');
    await play([
      ['转人工', w.handoff.askPhone, 'T20260101-0001'],
      ['13812345678', 'T20260101-0002'],
    ]);
    expect(deps.tickets.appended).toHaveLength(0);
    expect(deps.tickets.created).toHaveLength(2);
  });

  it('when the conversation’s ticket is still open, then a second request for a human adds to it', async () => {
    const { deps, play } = setup();
    await play([
      ['转人工', ''],
      ['13812345678', 'T20260101-0001'],
      ['转人工', 'T20260101-0001'],
    ]);
    expect(deps.tickets.appended.map((a) => a.number)).toEqual(['T20260101-0001']);
    expect(deps.tickets.created).toHaveLength(1);
  });
});
