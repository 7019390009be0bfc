import { afterAll, beforeAll, describe, it } from 'vitest';
import { startLiveBot, type LiveBot } from './conversation.js';

// Real knowledge base, matcher, coverage engine and store: repair reports as customers write them.
let bot: LiveBot;
const w = () => bot.texts.wording;
const question = (key: string) => bot.texts.form.find((f) => f.key === key)?.question ?? key;

beforeAll(async () => {
  bot = await startLiveBot();
}, 60_000);
afterAll(async () => bot.stop());

describe('customers reporting faults (real domain)', () => {
  it('when the report is written in traditional characters, then its labels are read and the description keeps no label words', async () => {
    await bot.play('r-traditional', [
      ['報修：型號R5300，序列號SN2024A00999，硬碟壞了', ['R5300', 'SN2024A00999', '坏了'], /型号 ，|序列号 ，|報|號/],
    ]);
  });

  it('when the customer describes their own fault and asks how to report it, then the report starts with the model and description taken', async () => {
    await bot.play('r-how-to-report', [
      [
        '您好，我们公司的融科R7200服务器昨天开始内存报警，怎么报修',
        [w().repair.start, 'R7200', '内存报警', question('serial')],
        /怎么|判断是否在保/,
      ],
    ]);
  });

  it('when the customer says 你好 or 谢谢 while an item is asked, then it is not taken as the answer', async () => {
    await bot.play('r-small-talk', [
      ['我要报修，型号R5300 序列号SN2024A00555 电话13511112222，主板烧了冒烟', question('errorMessage')],
      ['你好', [w().repair.greetingMidForm, question('errorMessage')], '已记录'],
      ['无', question('config')],
      ['谢谢', [w().repair.thanksMidForm, question('config')], '已记录'],
      ['不需要了', question('organization'), '已记录'],
    ]);
  });

  it('when a required item is unknown, then the customer hears why it is needed, and 不需要了 ends the report', async () => {
    await bot.play('r-required-unknown', [
      ['我要报修', question('model')],
      ['不知道', ['产品型号是报修的必填项', '转人工'], '好像不对'],
      ['不需要了', w().cancelled, '好像不对'],
    ]);
  });

  it('when the customer corrects the model with “改成…” while the description is asked, then only the model changes', async () => {
    await bot.play('r-correct-model', [
      ['我要报修，型号R5300 序列号SN2024A00777', question('description')],
      ['改成R7100', ['产品型号 R7100', question('description')], '好像不对'],
    ]);
  });

  it('when the customer drops the report for a question (“算了，…”), then the form is left and the question is answered with a citation', async () => {
    await bot.play('r-drop-for-question', [
      ['我要报修', question('model')],
      ['算了，我先问一下上门服务多久能到', [w().repair.droppedForNew, '《融科联创服务器保修》'], w().repair.resume],
    ]);
  });

  it('when a fault description starts with 退出, then it is the description and nothing is cancelled', async () => {
    await bot.play('r-exit-is-description', [
      ['我要报修，型号R5300 序列号SN2024Q00001', question('description')],
      ['退出系统后就蓝屏了，重启也不行', ['退出系统后就蓝屏了', question('errorMessage')], w().cancelled],
    ]);
  });

  it('when a report is confirmed and looked up with wrong then right last four digits, then the second try shows the ticket', async () => {
    const replies = await bot.play('r-report-and-lookup', [
      [
        '报修 型号R5300 序列号SN2024A00321 电话13511119876 联系人孙工 地址广州市天河区体育西路1号 故障：主板烧了冒烟',
        question('errorMessage'),
      ],
      ['无', question('config')],
      ['无', question('organization')],
      ['无', w().repair.summaryHeader],
      ['电话写错了，是13511118765', ['13511118765', w().repair.summaryHeader]],
      ['好的', '工单号'],
    ]);
    const number = /T\d{8}-\d{4,6}/.exec(replies.at(-1) ?? '')?.[0] ?? 'missing';
    await bot.play('r-lookup', [
      [`查一下工单 ${number}`, w().ticketStatus.askLast4],
      ['9876', [w().ticketStatus.notFound, w().ticketStatus.retry], '未处理'],
      ['8765', [number, '未处理']],
    ]);
  });

  it('when the first message only says the server broke, then the detailed description is still asked', async () => {
    await bot.play('r-vague-fault', [
      ['我们的服务器坏了', [w().repair.start, question('model')], '已记录'],
      ['R5300 SN2023C00042', question('description')],
    ]);
  });

  it('when the customer answers 个人 to a question in the form, then it is an answer and no human is called', async () => {
    await bot.play('r-personal-not-human', [
      ['我要报修，型号R5300 序列号SN2023C00043 主板烧了冒烟', question('errorMessage')],
      ['无', question('config')],
      ['无', question('organization')],
      ['个人', ['用户单位 个人', question('contactName')], w().repair.handoffQuit],
    ]);
  });

  it('when the customer asks for a human mid-form and gives a name with a landline, then the handoff takes the number', async () => {
    await bot.play('r-handoff-landline', [
      ['我要报修', question('model')],
      ['找人工', [w().repair.handoffQuit, w().handoff.askPhone]],
      ['陈女士 0571-88886666', '工单'],
    ]);
  });

  it('when the customer cannot give a phone for the handoff twice, then the handoff goes on without one', async () => {
    await bot.play('r-handoff-no-phone', [
      ['转人工', w().handoff.askPhone],
      ['号码我记不住', w().handoff.badPhone],
      ['真的想不起来', '工单', w().handoff.badPhone],
    ]);
  });

  it('when the customer answers 好 to an open question, then the question comes again and 好 is not stored', async () => {
    await bot.play('r-ok-is-not-a-value', [
      ['我要报修，型号R5300 序列号SN2025C00100 硬盘有坏道，RAID降级', question('errorMessage')],
      ['无', question('config')],
      ['无', question('organization')],
      ['好', question('organization'), /已记录|您好/],
    ]);
  });

  it('when a report starts, then the list of items it needs is backed by the 报修信息 clause, quoted', async () => {
    await bot.play('r-start-cited', [
      ['我要报修', [w().repair.start, w().citationHeader, '报修信息', '「同时,请在报修时,提供如下信息:」']],
    ]);
  });
});
