import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLiveBot, type LiveBot } from './conversation.js';

// Real knowledge base, matcher, coverage engine and store: the repair form as customers meet it.
let bot: LiveBot;
const w = () => bot.texts.wording;
const question = (key: string) => bot.texts.form.find((f) => f.key === key)?.question ?? key;

beforeAll(async () => {
  bot = await startLiveBot();
}, 60_000);
afterAll(async () => bot.stop());

const recordSchema = z.object({
  facts: z.object({ purchaseDate: z.string().optional(), city: z.string().optional() }).passthrough(),
  decision: z
    .object({ covered: z.boolean().nullable(), citations: z.array(z.object({ quote: z.string() })).min(1) })
    .passthrough(),
});

describe('the repair form with the real matcher and coverage engine', () => {
  it('when the error question is answered “没有，…什么都不显示”, then it is the answer and no policy search is made', async () => {
    await bot.play('live-negative-answer', [
      ['我要报修，型号R5300 序列号SN2025L00001，主板上的电容鼓包了', question('errorMessage')],
      ['没有，屏幕上什么都不显示', ['系统错误信息', question('config')], /依据条款|您是想问/],
      ['不太清楚', question('organization'), '已记录'],
    ]);
  });

  it('when the purchase date and the city come at the summary, then they are echoed and reach the ticket with a cited decision', async () => {
    const conversation = 'live-facts-at-summary';
    await bot.play(conversation, [
      [
        '报修 型号R5300 序列号SN2025L00002 描述：网卡指示灯全灭 错误信息：无 配置：无 单位：无 联系人：邵工 电话13722224444 地址：经开区锦绣大道9号',
        w().repair.summaryHeader,
      ],
      ['对了 这台是去年9月20号开的票 机器放在长沙', ['2025-09-20', '长沙', w().repair.summaryHeader]],
      ['没问题 提交', '工单号'],
    ]);
    const [ticket] = await bot.ticketsOf(conversation);
    const record = recordSchema.parse(ticket?.coverage);
    expect(record.facts.purchaseDate).toBe('2025-09-20');
    expect(record.facts.city).toContain('长沙');
  });

  it('when the customer calls the report off and asks about on-site times, then nothing is filed and the answer quotes the clause', async () => {
    const conversation = 'live-call-off';
    await bot.play(conversation, [
      ['R5300 SN2025L00003 内存报错 开不了机 报个修', question('errorMessage')],
      ['重新插了一下内存就好了 这单就不用提交了', ['已取消', '不会提交']],
      ['以后要是坏了 杭州这边多久能上门', '24小时内上门'],
    ]);
    expect(await bot.ticketsOf(conversation)).toHaveLength(0);
  });

  it('when the customer chats mid-form, then nothing is recorded and no ticket is opened', async () => {
    const conversation = 'live-chit-chat';
    await bot.play(conversation, [
      ['我要报修，型号R5300 序列号SN2025L00004，硬盘一直亮红灯', question('errorMessage')],
      ['无', question('config')],
      ['无', question('organization')],
      ['你们老板是谁啊', question('organization'), '已记录'],
    ]);
    expect(await bot.ticketsOf(conversation)).toHaveLength(0);
  });
});
