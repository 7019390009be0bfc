import { describe, expect, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import { RepairReportDialog, type RepairReportResult } from '../../dialogs/RepairReportDialog.js';
import { fakeDependencies, fakeMatcher, type FakeDependencies } from './fakes.js';
import { play, type TranscriptRow } from './transcript.js';
import { fillTemplate } from '../../src/text/template.js';

const texts = fakeDependencies().texts;
const w = texts.wording;
const question = (key: string) => texts.form.find((f) => f.key === key)?.question ?? '';

async function report(deps: FakeDependencies, rows: TranscriptRow[]): Promise<DialogTestClient> {
  const client = new DialogTestClient('test', new RepairReportDialog(deps), { initialText: rows[0]?.[0] });
  await play(client, rows);
  return client;
}

/** Everything but the contact; the contact is asked next. */
const noContact =
  '型号R5300 序列号SN2025S00001 描述：硬盘灯一直闪红 错误信息：无 配置：无 单位：无 电话13799990000 地址：天津市西青区宾水西道399号';
/** Everything; the summary comes next. */
const filled = `${noContact} 联系人：方女士`;

describe('what the customer says to the question just asked', () => {
  it('when the customer answers the organisation question with “没有单位，个人用的”, then the item is left empty, not filled with those words', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [
        '报修 型号R5300 序列号SN2025S00011 描述：硬盘灯一直闪红 错误信息：无 配置：无 电话13799990000 地址：天津市西青区宾水西道399号',
        question('organization'),
      ],
      ['没有单位，个人用的', question('contactName'), '用户单位 没有单位'],
      ['方女士', w.repair.summaryHeader, '个人用的'],
    ]);
  });

  it('when the description is only that the machine broke, then what happens is asked before anything is stored', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['报修 型号R5300 序列号SN2025S00002', question('description')],
      ['机器坏了', fillTemplate(w.repair.vagueDescription, { answer: '机器坏了' }), '已记录'],
      [
        '开机后风扇狂转，屏幕没有显示',
        ['详细故障描述 机器坏了；开机后风扇狂转，屏幕没有显示', question('errorMessage')],
      ],
    ]);
  });

  it('when a vague first message starts the report, then it is not taken as the description, which is asked in its turn', async () => {
    const deps = fakeDependencies({ matcher: fakeMatcher([['坏了', 'report_fault', 0.9, ['symptom']]]) });
    await report(deps, [
      ['机器坏了，报修', question('model'), '已记录'],
      ['R5300 SN2025S00005', question('description')],
    ]);
  });

  it('when the first message greets and says only that the server broke, then neither is taken as the description', async () => {
    const deps = fakeDependencies({ matcher: fakeMatcher([['坏了', 'report_fault', 0.9, ['symptom']]]) });
    await report(deps, [
      ['你好，有人在吗，我服务器坏了要报修', question('model'), '详细故障描述 '],
      ['R5300 SN2025S00006', question('description')],
    ]);
  });

  it('when the first message greets and then describes the fault, then the description keeps only the fault', async () => {
    const deps = fakeDependencies({ matcher: fakeMatcher([['黑屏', 'report_fault', 0.9, ['symptom']]]) });
    await report(deps, [
      ['你好 有人在吗 报修 服务器开机就黑屏', ['详细故障描述 服务器开机就黑屏', question('model')], '有人在吗 服务器'],
    ]);
  });

  it('when a required item is named as unknown ("序列号不清楚"), then it is asked again with the way out, not refused as a bad value', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['报修 型号R5300', question('serial')],
      [
        '序列号不清楚',
        fillTemplate(w.repair.requiredUnknown, { title: '产品序列号', question: question('serial') }),
        '好像不对',
      ],
    ]);
  });

  it('when the go-ahead answers an optional item ("就这样吧"), then it is not stored and no optional item is asked after it', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['报修 型号R5300 序列号SN2025S00003 描述：开机黑屏', question('errorMessage')],
      ['就这样吧', question('contactName'), '已记录'],
    ]);
  });

  it('when "确认提交" answers an optional item and every required one is in, then the ticket is filed at once', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [
        '报修 型号R5300 序列号SN2025S00003 描述：开机黑屏 联系人王先生 电话13800001111 地址杭州市西湖区文三路1号',
        question('errorMessage'),
      ],
      ['对的 没错 确认提交', '工单号'],
    ]);
    expect(deps.tickets.created).toHaveLength(1);
  });
});

describe('asking for a human in the middle of the form', () => {
  it('when the customer asks for a human in a clause of the answer, then the form is left for a human, not read as the model', async () => {
    const deps = fakeDependencies();
    const client = await report(deps, [
      ['我要报修', question('model')],
      ['型号不知道，我要找人工', w.repair.handoffQuit, '产品型号“'],
    ]);
    expect(client.dialogTurnResult.result).toMatchObject({ outcome: 'handoff' } satisfies Partial<RepairReportResult>);
  });

  it('when a human is only mentioned in a fault description, then it stays the description', async () => {
    const deps = fakeDependencies({ matcher: fakeMatcher([['硬盘', 'report_fault', 0.9, ['symptom']]]) });
    await report(deps, [
      ['报修 型号R5300 序列号SN2025S00004', question('description')],
      [
        '找客服换了硬盘还是不行',
        ['详细故障描述 找客服换了硬盘还是不行', question('errorMessage')],
        w.repair.handoffQuit,
      ],
      ['找过客服了还是不行', question('config'), w.repair.handoffQuit],
    ]);
  });

  it('when chit-chat comes while the model is asked ("你们客服几点下班"), then it is not refused as a bad model and the model is asked again', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['我要报修', question('model')],
      ['你们客服几点下班', [w.repair.offTopic, question('model')], '好像不对'],
    ]);
  });

  it('when the customer asks whether they talk to a robot, then the bot says so and asks the same item again', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['我要报修', question('model')],
      ['你是机器人吗', [w.botIdentity, question('model')], w.repair.handoffQuit],
    ]);
  });
});

describe('names and phone numbers', () => {
  it('when the customer gives the surname and then the full name, then the full name is kept', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [noContact, question('contactName')],
      ['姓王，王丽萍', ['联系人 王丽萍', w.repair.summaryHeader], '王先生还是王女士'],
    ]);
    await report(fakeDependencies(), [
      [noContact, question('contactName')],
      ['免贵姓王，叫王丽萍', '联系人 王丽萍', '王先生还是王女士'],
    ]);
  });

  it('when the customer gives only a surname, then 先生 or 女士 is asked', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [noContact, question('contactName')],
      ['姓王', ['王先生', '王女士']],
      ['女士', ['联系人 王女士', w.repair.summaryHeader]],
    ]);
  });

  it('when a mobile number is written with dashes or spaces, then it is read as the phone', async () => {
    const deps = fakeDependencies();
    const noPhone = filled.replace('电话13799990000 ', '');
    await report(deps, [
      [noPhone, question('phone')],
      ['138-1234-5678', ['联系方式 13812345678', w.repair.summaryHeader], '购买日期'],
      ['电话改成 139 1234 5678', ['联系方式 13912345678', w.repair.summaryHeader]],
    ]);
  });
});

describe('corrections and the go-ahead at the summary', () => {
  it('when corrections come in common forms, then each changes only its own item', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [filled, w.repair.summaryHeader],
      ['序列号也写错了，应该是SN2025S00099', ['产品序列号 SN2025S00099', '型号：R5300', '联系人：方女士']],
      ['型号应该是R5500', ['产品型号 R5500', '产品序列号：SN2025S00099']],
      ['不是方女士，是房女士', ['联系人 房女士', '产品型号：R5500']],
      ['改一下电话', '联系方式', '请核对'],
      ['138-1234-5678', ['联系方式 13812345678', '联系人：房女士', '产品序列号：SN2025S00099']],
      ['就这样吧', 'T20260101-0001'],
    ]);
    expect(deps.tickets.created[0]?.report).toMatchObject({
      model: 'R5500',
      serial: 'SN2025S00099',
      contactName: '房女士',
      phone: '13812345678',
      address: '天津市西青区宾水西道399号',
    });
  });

  it('when a correction names only part of the address, then only that part changes', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [filled.replace('宾水西道399号', '宾水西道399号2号楼501室'), w.repair.summaryHeader],
      ['门牌号错了，是389号', '详细地址 天津市西青区宾水西道389号2号楼501室'],
      ['室号不对，应该是601室', ['详细地址 天津市西青区宾水西道389号2号楼601室', '联系人：方女士']],
      ['地址应该是天津市南开区卫津路92号', '详细地址 天津市南开区卫津路92号'],
    ]);
  });

  it('when the customer asks to fix an item and then says it is fine after all, then nothing is stored and the summary comes again', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [filled, w.repair.summaryHeader],
      ['地址也写错了', '详细地址'],
      ['没问题了', [w.repair.summaryHeader, '天津市西青区宾水西道399号'], '已记录'],
      ['提交吧', 'T20260101-0001'],
    ]);
    expect(deps.tickets.created[0]?.report.address).toBe('天津市西青区宾水西道399号');
  });

  for (const goAhead of ['就这样吧', '提交吧', '没问题了']) {
    it(`when the customer says “${goAhead}” at the summary, then the ticket is filed with the items unchanged`, async () => {
      const deps = fakeDependencies();
      await report(deps, [
        [filled, w.repair.summaryHeader],
        [goAhead, 'T20260101-0001'],
      ]);
      expect(deps.tickets.created[0]?.report).toMatchObject({
        model: 'R5300',
        contactName: '方女士',
        phone: '13799990000',
      });
    });
  }
});
