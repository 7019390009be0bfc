import { describe, expect, it } from 'vitest';
import { botHarness } from '../bot/botHarness.js';
import { fakeDependencies, fakeKnowledge, fakeMatcher, responseClause } from './fakes.js';
import { expectReply, type TranscriptRow } from './transcript.js';

const quote = responseClause.text;
const knowledge = fakeKnowledge({
  保修几年: {
    kind: 'answered',
    text: `根据保修政策原文：\n《融科联创服务器保修》电话响应时间：\n「${quote}」`,
    citations: [],
    confidence: 0.9,
    suggestions: [],
  },
});
// The matcher is confident about everything it knows, chit-chat included, as a real one can be.
const matcher = fakeMatcher([
  ['报修', 'report_fault', 0.95],
  ['保修几年', 'policy_question', 0.9],
  ['领导', 'human_agent', 0.9],
  ['天气', 'out_of_scope', 0.9],
  ['转人工', 'human_agent', 0.95],
]);

function setup() {
  const deps = fakeDependencies({ knowledge, matcher });
  const bot = botHarness(deps);
  return {
    deps,
    w: deps.texts.wording,
    question: (key: string) => deps.texts.form.find((f) => f.key === key)?.question ?? '',
    async play(rows: TranscriptRow[]) {
      for (const row of rows) expectReply(await bot.say(row[0]), row);
    },
  };
}

describe('the repair form inside the conversation', () => {
  it('when the customer calls the report off and asks something in the same message, then nothing is filed and the question is answered', async () => {
    const { deps, play, question } = setup();
    await play([
      ['我要报修 型号R5300 序列号SN2025V00001', question('description')],
      ['不用报修了 插好线就能用了，顺便问下硬盘保修几年？', [quote], question('description')],
    ]);
    expect(deps.tickets.created).toHaveLength(0);
  });

  it('when the customer chats mid-form, then no ticket is opened and nobody is queued for a human', async () => {
    const { deps, play, question, w } = setup();
    await play([
      ['我要报修 型号R5300 序列号SN2025V00002', question('description')],
      ['今天天气真不错啊', [w.repair.offTopic, question('description')]],
      ['你们领导是男的女的', question('description'), w.repair.handoffQuit],
    ]);
    expect(deps.tickets.created).toHaveLength(0);
    expect(deps.handoff.requests).toHaveLength(0);
  });

  it('when the report is dropped for another request (“算了，…”), then that request is answered next', async () => {
    const { deps, play, question, w } = setup();
    await play([
      ['我要报修 型号R5300 序列号SN2025V00003', question('description')],
      ['算了，我想先问问内存保修几年', [w.repair.droppedForNew, quote]],
    ]);
    expect(deps.tickets.created).toHaveLength(0);
  });

  it('when the customer leaves the form for a human, then the ticket opened for the handoff keeps what is known of the warranty', async () => {
    const { deps, play, question, w } = setup();
    await play([
      ['我要报修 型号R5300 序列号SN2025V00004 2025-05-01买的', question('description')],
      ['硬盘坏了', question('errorMessage')],
      ['转人工', [w.repair.handoffQuit, w.handoff.askPhone]],
      ['13900002222', 'T20260101-0001'],
    ]);
    expect(deps.tickets.created[0]).toMatchObject({
      origin: 'handoff',
      coverage: { facts: { part: '硬盘', purchaseDate: '2025-05-01' } },
    });
  });

  it('when a coverage check leads into the report, then the ticket keeps the facts from the check in the customer’s words', async () => {
    const { deps, play, question, w } = setup();
    await play([
      ['融科服务器的硬盘坏了，2024-05-01买的，还在保吗', w.coverage.questions.city],
      ['天津', w.coverage.questions.cause],
      ['正常使用中突然坏的', w.coverage.offerRepair],
      ['好的', [w.repair.start, question('model')]],
      ['R5300', question('serial')],
      ['SN2024V00005', '刚才判断时已了解'],
      ['不知道', question('errorMessage')],
      ['无', question('config')],
      ['无', question('organization')],
      ['无', question('contactName')],
      ['柴工', question('phone')],
      ['13900003333', question('address')],
      ['天津市南开区鞍山西道1号', w.repair.summaryHeader],
      ['确认', '工单号'],
    ]);
    expect(deps.tickets.created[0]?.coverage).toMatchObject({
      facts: { part: '硬盘', purchaseDate: '2024-05-01', city: '天津' },
      evidence: expect.arrayContaining([{ field: 'purchaseDate', text: '2024-05-01', value: '2024-05-01' }]),
    });
  });
});
