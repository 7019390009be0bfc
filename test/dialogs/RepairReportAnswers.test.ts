import { describe, expect, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import { RepairReportDialog } from '../../dialogs/RepairReportDialog.js';
import { fakeDependencies, fakeKnowledge, fakeMatcher, responseClause, type FakeDependencies } from './fakes.js';
import { play, type TranscriptRow } from './transcript.js';

const texts = fakeDependencies().texts;
const w = texts.wording;
const question = (key: string) => texts.form.find((f) => f.key === key)?.question ?? '';

async function report(deps: FakeDependencies, rows: TranscriptRow[]): Promise<DialogTestClient> {
  const client = new DialogTestClient('test', new RepairReportDialog(deps), { initialText: rows[0]?.[0] });
  await play(client, rows);
  return client;
}

/** The first message gives model and serial; the description is asked next. */
const opening: TranscriptRow = ['报修 型号R5300 序列号SN2025W00001', question('description')];

describe('a natural answer to the question just asked is that answer', () => {
  it('when the error question is answered “没有，…什么都不显示” and the matcher takes it for a policy question, then it is still the answer', async () => {
    const knowledge = fakeKnowledge({});
    const deps = fakeDependencies({ knowledge, matcher: fakeMatcher([['什么', 'policy_question', 0.95]]) });
    await report(deps, [
      opening,
      ['服务器开机后风扇狂转，接着自动关机', question('errorMessage')],
      ['没有，显示器上什么都不显示', ['系统错误信息 没有，显示器上什么都不显示', question('config')]],
      ['不太清楚', question('organization'), '已记录'],
    ]);
    expect(knowledge.asked).toEqual([]);
  });

  it('when an answer is put as a question about the fault, then it is the description', async () => {
    const deps = fakeDependencies({ matcher: fakeMatcher([['蓝屏', 'report_fault', 0.9, ['symptom']]]) });
    await report(deps, [
      opening,
      ['一进系统就蓝屏是怎么回事？', ['详细故障描述 一进系统就蓝屏是怎么回事', question('errorMessage')]],
    ]);
  });
});

describe('corrections in everyday forms', () => {
  const filled: TranscriptRow = [
    '型号R5300 序列号SN2025W00002 描述：硬盘灯一直闪红 错误信息：无 配置：无 单位：无 联系人：方女士 电话13799990000 地址：天津市西青区宾水西道399号',
    w.repair.summaryHeader,
  ];

  it('when corrections come at the summary with fillers and in several forms, then each replaces its item and the ticket has the new values', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      filled,
      ['呃 序列号也抄错了 应该是SN2025W00020', ['产品序列号 SN2025W00020', w.repair.summaryHeader]],
      ['然后 联系人不是方女士，是房女士哈', ['联系人 房女士', w.repair.summaryHeader]],
      ['改一下电话 13799991111', ['联系方式 13799991111', w.repair.summaryHeader]],
      ['确认', '工单号'],
    ]);
    expect(deps.tickets.created[0]?.report).toMatchObject({
      serial: 'SN2025W00020',
      contactName: '房女士',
      phone: '13799991111',
    });
  });

  it('when a name is corrected with 应该叫, then it replaces the old one', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      filled,
      ['单位名写错了 应该叫海河贸易有限公司', ['用户单位 海河贸易有限公司', w.repair.summaryHeader]],
    ]);
  });

  it('when the customer only says an item is wrong, then the right value is asked for and taken', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      filled,
      ['哎呀 地址也写错了', w.repair.askWhat.replace('{title}', '详细地址')],
      ['天津市西青区宾水西道393号', ['详细地址 天津市西青区宾水西道393号', w.repair.summaryHeader]],
      ['对', '工单号'],
    ]);
    expect(deps.tickets.created[0]?.report.address).toBe('天津市西青区宾水西道393号');
  });

  it('when a correction comes while another item is asked, then it is taken and the same item is asked again', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      opening,
      ['型号我说错了，其实是R5500', ['产品型号 R5500', question('description')], '好像不对'],
    ]);
  });
});

describe('run-on messages', () => {
  it('when one message carries every item, then each keeps its whole text and the summary follows', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [
        '报修 型号R7100 S/N SN2026C00077 故障描述 阵列卡告警 两块盘同时离线 重建失败 错误信息 Foreign config found 配置 2颗CPU 192G内存 单位 江北仓储有限公司 联系人秦先生 电话13600001234 地址重庆市江北区建新北路16号 机房在三楼',
        [
          '详细故障描述 阵列卡告警 两块盘同时离线 重建失败',
          '系统错误信息 Foreign config found',
          '系统软硬件配置 2颗CPU 192G内存',
          '详细地址 重庆市江北区建新北路16号 机房在三楼',
          w.repair.summaryHeader,
        ],
      ],
    ]);
  });
});

describe('how to address the contact', () => {
  it('when the customer gives only a surname, then 先生 or 女士 is asked and the answer makes the name', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['型号R5300 序列号SN2025W00003 描述：电源模块异响 错误信息：无 配置：无 单位：无', question('contactName')],
      ['免贵姓欧阳的欧', w.repair.askSurnameTitle.replace(/\{surname\}/g, '欧')],
      ['男的', ['联系人 欧先生', question('phone')]],
    ]);
  });

  it('when the surname and the title come together, then nothing more is asked', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['型号R5300 序列号SN2025W00004 描述：电源模块异响 错误信息：无 配置：无 单位：无', question('contactName')],
      ['姓蒋，蒋女士', ['联系人 蒋女士', question('phone')], '姓蒋'],
    ]);
  });
});

describe('questions and chit-chat in the middle of the form', () => {
  it('when a warranty question comes while the address is asked, then it is answered with its clause and the address is asked again', async () => {
    const knowledge = fakeKnowledge({
      多快: {
        kind: 'answered',
        text: `根据保修政策原文：\n「${responseClause.text}」`,
        citations: [],
        confidence: 0.9,
        suggestions: [],
      },
    });
    const deps = fakeDependencies({ knowledge, matcher: fakeMatcher([['多快', 'policy_question', 0.9]]) });
    await report(deps, [
      [
        '型号R5300 序列号SN2025W00005 描述：内存报错 错误信息：无 配置：无 单位：无 联系人：管工 电话13500009999',
        question('address'),
      ],
      ['你们一般多快给回复？', [responseClause.text, w.repair.resume, question('address')]],
    ]);
  });

  it('when the customer chats or asks something off topic, then nothing is stored, no ticket is opened and the question comes again', async () => {
    const deps = fakeDependencies({
      matcher: fakeMatcher([
        ['哈哈', 'greeting', 0.9],
        ['谁', 'out_of_scope', 0.9],
      ]),
    });
    const client = await report(deps, [
      opening,
      ['哈哈你们回得真快', [w.repair.offTopic, question('description')], '已记录'],
      ['主板上有个电容鼓包了', question('errorMessage')],
      ['无', question('config')],
      ['无', question('organization')],
      ['你们公司老板是谁', [w.repair.offTopic, question('organization')], '已记录'],
    ]);
    expect(deps.tickets.created).toHaveLength(0);
    expect(deps.handoff.requests).toHaveLength(0);
    expect(client.dialogTurnResult.status).toBe('waiting');
  });
});

describe('calling the report off', () => {
  it('when the customer calls the report off in their own words, then they are told plainly that nothing is submitted', async () => {
    const deps = fakeDependencies();
    const client = await report(deps, [
      opening,
      ['刚才重启了一下 好像又正常了 这个单子先不用报了', ['已取消', '不会提交']],
    ]);
    expect(client.dialogTurnResult.result).toEqual({ outcome: 'cancelled' });
    expect(deps.tickets.created).toHaveLength(0);
  });

  it.each(['撤销吧', '先不用报了 我们自己再排查一下'])(
    'when the customer says “%s”, then the report is called off',
    async (text) => {
      const deps = fakeDependencies();
      const client = await report(deps, [opening, [text, '不会提交']]);
      expect(client.dialogTurnResult.result).toEqual({ outcome: 'cancelled' });
    },
  );

  it('when a question follows the call-off, then the form hands it back to be answered', async () => {
    const deps = fakeDependencies();
    const client = await report(deps, [
      opening,
      ['这单不用提交了 问一下热插拔硬盘坏了怎么处理？', w.repair.droppedForNew],
    ]);
    expect(client.dialogTurnResult.result).toEqual({
      outcome: 'cancelled',
      followUp: '问一下热插拔硬盘坏了怎么处理？',
    });
  });
});
