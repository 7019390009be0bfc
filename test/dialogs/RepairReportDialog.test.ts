import { describe, expect, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import { RepairReportDialog } from '../../dialogs/RepairReportDialog.js';
import { fakeDependencies, fakeKnowledge, fakeMatcher, responseClause, type FakeDependencies } from './fakes.js';
import { play, type TranscriptRow } from './transcript.js';

const texts = fakeDependencies().texts;
const hint = (key: string) => texts.form.find((f) => f.key === key)?.hint ?? '';
const question = (key: string) => texts.form.find((f) => f.key === key)?.question ?? '';

/** Plays a table whose first row is the message that starts the report (as MainDialog passes it on). */
async function report(deps: FakeDependencies, rows: TranscriptRow[]) {
  const initialText = rows[0]?.[0];
  await play(new DialogTestClient('test', new RepairReportDialog(deps), { initialText }), rows);
}

/** Answers the remaining optional items and contact details in one go. */
const restOfForm: TranscriptRow[] = [
  ['无', question('config')],
  ['不清楚', question('organization')],
  ['天津云岭数据有限公司', question('contactName')],
  ['赵女士', question('phone')],
];

describe('RepairReportDialog', () => {
  it('when the customer answers item by item and confirms, then a ticket is opened with every value', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['我要报修', question('model')],
      ['R5300', ['产品型号 R5300', question('serial')]],
      ['SN2025C00777', question('description')],
      ['昨晚起机器反复重启，进不了系统', question('errorMessage')],
      ['屏幕提示 Machine Check Exception', question('config')],
      ['2颗CPU，64G内存，Ubuntu 22.04', question('organization')],
      ['天津云岭数据有限公司', question('contactName')],
      ['赵女士', question('phone')],
      ['13622223333', question('address')],
      ['天津市南开区鞍山西道100号', ['请核对报修信息', 'SN2025C00777', '融科联创服务器保修']],
      ['好的', ['工单号：T20260101-0001']],
    ]);
    expect(deps.tickets.created).toHaveLength(1);
    expect(deps.tickets.created[0]).toMatchObject({
      policy: 'rongke-server',
      origin: 'repair_report',
      report: {
        model: 'R5300',
        serial: 'SN2025C00777',
        phone: '13622223333',
        errorMessage: '屏幕提示 Machine Check Exception',
        contactName: '赵女士',
      },
    });
  });

  it('when the first message describes the fault without a label, then that text is the description and it is not asked', async () => {
    const deps = { ...fakeDependencies(), matcher: fakeMatcher([['指示灯', 'report_fault', 0.9, ['symptom']]]) };
    await report(deps, [
      [
        '我要报修，硬盘指示灯一直闪红灯 型号R5300 序列号SN2024A00555',
        ['产品型号 R5300', '详细故障描述 硬盘指示灯一直闪红灯', question('errorMessage')],
        question('description'),
      ],
    ]);
  });

  it('when one message carries several items, then all are recorded and only the rest are asked', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [
        '型号R7100 序列号SN2026A00042 电话13955556666 地址北京市海淀区学院路20号',
        ['产品型号 R7100', '产品序列号 SN2026A00042', '联系方式 13955556666', '详细地址 北京市海淀区学院路20号'],
      ],
      ['硬盘指示灯变红，RAID降级', question('errorMessage')],
      ['无', question('config')],
      ['无', question('organization')],
      ['无', question('contactName')],
      ['孙工', ['请核对报修信息', '孙工']],
    ]);
  });

  it('when the customer corrects an item mid-form and at the summary, then the new value replaces the old one', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['型号R5300 序列号SN2024A00123 电话13812345678', '联系方式 13812345678'],
      ['电话写错了，是13900001111', ['联系方式 13900001111', question('description')]],
      ['风扇一直高速转，噪音很大', question('errorMessage')],
      ['无', question('config')],
      ...restOfForm.slice(1, 3),
      ['钱先生', question('address')],
      ['天津市河西区友谊路5号', ['13900001111', '请核对报修信息'], '13812345678'],
      ['地址写错了，应该是天津市河东区十一经路8号', ['天津市河东区十一经路8号', '请核对报修信息'], '友谊路'],
      ['确认', '工单号'],
    ]);
    expect(deps.tickets.created[0]?.report).toMatchObject({ phone: '13900001111', address: '天津市河东区十一经路8号' });
  });

  it('when a policy question comes mid-form, then it is answered with its citation and the same item is asked again', async () => {
    const quote = responseClause.text;
    const knowledge = fakeKnowledge({
      多久: {
        kind: 'answered',
        text: `根据保修政策原文：\n《融科联创服务器保修》电话响应时间：\n「${quote}」`,
        citations: [],
        confidence: 0.9,
        suggestions: [],
      },
    });
    const deps = fakeDependencies({ knowledge, matcher: fakeMatcher([['多久', 'policy_question', 0.9]]) });
    await report(deps, [
      ['报修，型号R5300', '产品型号 R5300'],
      ['你们多久能回复我？', [quote, '我们继续登记报修', question('serial')]],
      ['SN2024A00999', question('description')],
    ]);
    expect(knowledge.asked).toEqual(['你们多久能回复我？']);
  });

  it.each([['算了'], ['不报了'], ['取消']])(
    'when the customer says “%s”, then the report is dropped without a ticket',
    async (word) => {
      const deps = fakeDependencies();
      await report(deps, [
        ['型号R5300', question('serial')],
        ['SN2024A00555', question('description')],
        [word, '已取消'],
      ]);
      expect(deps.tickets.created).toHaveLength(0);
    },
  );

  it('when the phone number is malformed, then it is refused with the phone hint and asked again', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      ['我要报修', question('model')],
      ['电话 12345', [hint('phone'), question('model')]],
      [
        '型号R5300 序列号SN2024A00123 描述：开不了机，电源灯不亮 错误信息：无 配置：无 单位：无 联系人：周工',
        question('phone'),
      ],
      ['0221234', hint('phone')],
      ['022-23456789', ['联系方式 022-23456789', question('address')]],
    ]);
  });

  it('when the model is not an R-series server, then the dialog asks which policy applies', async () => {
    const deps = fakeDependencies();
    await report(deps, [
      [
        '型号GX-200 序列号AB123456 描述：交换机端口全部不亮 错误信息：无 配置：无 单位：无 联系人：吴工 电话13700001234 地址上海市徐汇区漕溪北路1号',
        texts.wording.repair.askPolicy,
      ],
      ['其他我司硬件或软件产品', ['请核对报修信息', '标准售后服务']],
      ['没问题', '工单号'],
    ]);
    expect(deps.tickets.created[0]?.policy).toBe('standard-service');
  });
});

describe('RepairReportDialog and requests for a human', () => {
  it('when the customer asks for a human mid-form, then the form ends handing over what was collected; a description mentioning 人工 does not', async () => {
    const deps = fakeDependencies({ matcher: fakeMatcher([['人工', 'human_agent', 0.95]]) });
    const client = new DialogTestClient('test', new RepairReportDialog(deps), {
      initialText: '型号R5300 序列号SN2024A00123',
    });
    await play(client, [
      ['型号R5300 序列号SN2024A00123', question('description')],
      ['人工重启之后仍然无法进入系统', question('errorMessage')],
      ['转人工', texts.wording.repair.handoffQuit],
    ]);
    expect(client.dialogTurnResult.result).toMatchObject({
      outcome: 'handoff',
      report: { model: 'R5300', serial: 'SN2024A00123', description: '人工重启之后仍然无法进入系统' },
    });
    expect(deps.tickets.created).toHaveLength(0);
  });
});
