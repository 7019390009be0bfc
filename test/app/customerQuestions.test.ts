import { afterAll, beforeAll, describe, it } from 'vitest';
import { startLiveBot, type LiveBot } from './conversation.js';

// Real knowledge base, matcher and coverage engine: conversations as customers have them.
let bot: LiveBot;
const w = () => bot.texts.wording;
const rongke = '《融科联创服务器保修》';
const standard = '《标准售后服务》';

beforeAll(async () => {
  bot = await startLiveBot();
}, 60_000);
afterAll(async () => bot.stop());

describe('customers asking questions (real domain)', () => {
  it('when a question names 融科 and the next one does not, then the next is answered from the 融科 policy only', async () => {
    await bot.play('q-policy-memory', [
      ['融科的服务器保修几年？', rongke],
      ['那硬盘坏了怎么处理', rongke, standard],
    ]);
  });

  it('when the customer asks outright to check coverage, then the coverage check starts instead of a clarifying question', async () => {
    await bot.play('q-coverage-cue', [['帮我判断是否在保', w().coverage.start, w().clarify]]);
  });

  it('when a coverage question is answered with another fact, then it is taken without a “not recognised” and the question comes again', async () => {
    await bot.play('q-coverage-other-fact', [
      ['帮我判断是否在保', w().coverage.askPolicy],
      ['電源壞了', w().coverage.askPolicy, w().coverage.notRecognized.slice(0, 8)],
      ['融科的', w().coverage.questions.purchaseDate, w().coverage.questions.part],
      ['深圳', w().coverage.questions.purchaseDate, w().coverage.notRecognized.slice(0, 8)],
      ['不知道', [w().coverage.factUnknown, w().coverage.decisionHeader, '深圳'], w().coverage.questions.cause],
    ]);
  });

  it('when a coverage check is cancelled, then the customer is not told that a form was thrown away', async () => {
    await bot.play('q-coverage-cancel', [
      ['帮我判断是否在保', w().coverage.askPolicy],
      ['算了', w().cancelledPlain, w().cancelled],
    ]);
  });

  it('when the customer goes off topic twice and says 嗯, then a human is offered and the handoff starts', async () => {
    await bot.play('q-two-misses', [
      ['今天天气怎么样', w().outOfScope, w().offerHuman],
      ['你们卖手机吗', w().offerHuman],
      ['嗯', w().handoff.askPhone],
    ]);
  });

  it('when a coverage question names an R-series model, then the product is not asked and the report starts with the model', async () => {
    const serial = bot.texts.form.find((f) => f.key === 'serial')?.question ?? 'serial';
    await bot.play('q-coverage-model', [
      [
        '我的R7100硬盘坏了，2025年8月买的，北京，正常使用',
        [w().coverage.decisionHeader, rongke],
        w().coverage.askPolicy,
      ],
      ['是', ['产品型号 R7100', serial]],
    ]);
  });

  it('when the product was named earlier, then a coverage check does not ask for it again', async () => {
    await bot.play('q-coverage-after-question', [
      ['融科服务器保修几年', rongke],
      ['帮我判断是否在保', w().coverage.questions.part, w().coverage.askPolicy],
    ]);
  });

  it('when the customer answers the product question with an R-series model, then it counts as 融科 and the model is kept for the report', async () => {
    await bot.play('q-coverage-model-answer', [
      ['帮我判断是否在保', w().coverage.askPolicy],
      ['R7100', w().coverage.questions.part, w().coverage.notRecognized.slice(0, 8)],
      ['电源', w().coverage.questions.purchaseDate],
      ['2025年8月3日', w().coverage.questions.city],
      ['上海', w().coverage.offerRepair],
      ['好的', '产品型号 R7100'],
    ]);
  });

  it('when the customer asks to “查下保修”, then the coverage check starts, not a ticket lookup', async () => {
    await bot.play('q-check-warranty', [['帮我查下保修', w().coverage.start, w().ticketStatus.askNumber]]);
  });

  it('when the customer asks a question instead of answering the repair offer, then the question is answered, not the offer repeated', async () => {
    await bot.play('q-offer-then-question', [
      ['我的R7100硬盘坏了，2025年8月买的，北京，正常使用', w().coverage.offerRepair],
      ['那上门要多久？', [rongke, '上门服务响应时间'], w().coverage.offerRepair],
      ['我要查工单', w().ticketStatus.askNumber],
    ]);
  });

  it('when a report follows a coverage check, then the fault found there is a draft and the customer is still asked for details', async () => {
    const describeMore = w().repair.describeMore.slice(0, 8);
    await bot.play('q-coverage-draft', [
      ['我去年3月在杭州买的融科服务器，电源坏了，还在保吗', w().coverage.offerRepair],
      ['好的', w().repair.start, '已记录'],
      ['型号R5300，序列号SN2023X0099', describeMore],
      [
        '风扇狂转，然后电源指示灯灭了，机器起不来',
        ['详细故障描述 电源', '风扇狂转，然后电源指示灯灭了'],
        '已记录：系统错误信息',
      ],
    ]);
  });
});
