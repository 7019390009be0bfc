import { describe, expect, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import { z } from 'zod';
import { RepairReportDialog } from '../../dialogs/RepairReportDialog.js';
import { realEngine } from '../coverage/engineFixture.js';
import { fakeDependencies, type FakeDependencies } from './fakes.js';
import { play, type TranscriptRow } from './transcript.js';

// The real coverage engine decides (today is 2026-01-01 in the fakes); everything else is faked.
const setup = () => fakeDependencies({ coverage: realEngine() });
const w = setup().texts.wording;
const questions = () => realEngine().missingFacts({ policy: 'rongke-server', part: '主板' }, '2026-01-01');
const purchaseQuestion = () => questions().find((m) => m.field === 'purchaseDate')?.question ?? '';
const factoryQuestion = () =>
  realEngine()
    .missingFacts({ policy: 'rongke-server', part: '主板', invoice: false }, '2026-01-01')
    .find((m) => m.field === 'factoryDate')?.question ?? '';

async function report(deps: FakeDependencies, rows: TranscriptRow[]) {
  await play(new DialogTestClient('test', new RepairReportDialog(deps), { initialText: rows[0]?.[0] }), rows);
}

const recordSchema = z.object({
  facts: z.record(z.string(), z.unknown()),
  evidence: z.array(z.object({ field: z.string(), text: z.string(), value: z.string() })),
  decision: z.object({
    covered: z.boolean().nullable(),
    warrantyStart: z.string().nullable(),
    onsiteHours: z.number().nullable(),
    citations: z.array(z.object({ policy: z.string(), section: z.string(), quote: z.string() })).min(1),
    reasons: z.array(z.string()),
  }),
});
const coverageOf = (deps: FakeDependencies) => recordSchema.parse(deps.tickets.created[0]?.coverage);

const everything = (rest: string) =>
  `型号R5300 序列号SN2025Q00001 ${rest} 错误信息：无 配置：无 单位：无 联系人：刘工 电话13766667777`;

describe('RepairReportDialog gathers what the coverage decision needs', () => {
  it('when the summary asks for the purchase date and the customer gives it with the city, then both are echoed in their words and reach the ticket', async () => {
    const deps = setup();
    await report(deps, [
      [everything('描述：主板不通电 地址：园区星湖街328号'), [w.repair.summaryHeader, purchaseQuestion()]],
      [
        '哦还有 机器是2025年3月9号采购的 放在苏州',
        [
          w.repair.recorded.slice(0, 3),
          '2025-03-09',
          '2025年3月9号',
          '苏州',
          w.repair.summaryHeader,
          w.coverage.covered,
        ],
      ],
      ['好的', '工单号'],
    ]);
    const record = coverageOf(deps);
    expect(record.facts).toMatchObject({ purchaseDate: '2025-03-09', policy: 'rongke-server', part: '主板' });
    expect(String(record.facts['city'])).toContain('苏州');
    expect(record.evidence.map((e) => e.text)).toEqual(expect.arrayContaining(['2025年3月9号']));
    expect(record.decision.covered).toBe(true);
  });

  it('when the invoice is lost, then the factory date is asked and the warranty runs from it', async () => {
    const deps = setup();
    await report(deps, [
      [everything('描述：主板不通电 地址：湖北省武汉市江夏区光谷大道77号'), purchaseQuestion()],
      ['2023年1月买的，不过发票早就没了', [w.coverage.invoiceValues.no, factoryQuestion()]],
      ['铭牌上印的是2022年11月', ['2022-11-01', w.coverage.notCovered]],
      ['确认', '工单号'],
    ]);
    const record = coverageOf(deps);
    expect(record.facts).toMatchObject({ invoice: false, factoryDate: '2022-11-01' });
    expect(record.decision).toMatchObject({ covered: false, warrantyStart: '2022-11-01' });
    expect(record.decision.citations.some((c) => c.quote.includes('如无有效发票'))).toBe(true);
  });

  it('when the address names the city and the description the part and date, then nothing more is asked and the on-site time is decided', async () => {
    const deps = setup();
    await report(deps, [
      [
        everything('描述：今年元旦前两周主板烧了 2025年8月买的 地址：湖北省武汉市江夏区光谷大道77号'),
        [w.repair.summaryHeader, '武汉', w.coverage.covered],
        w.repair.askFacts.slice(0, 8),
      ],
      ['没问题', '工单号'],
    ]);
    expect(coverageOf(deps).decision.onsiteHours).toBe(24);
  });

  it('when the description volunteers facts, then they are echoed in the customer’s words right away', async () => {
    const deps = setup();
    const client = new DialogTestClient('test', new RepairReportDialog(deps), {
      initialText: '报修 R5300 SN2025Q00002',
    });
    await play(client, [
      ['报修 R5300 SN2025Q00002', deps.texts.form.find((f) => f.role === 'faultDescription')?.question ?? ''],
      ['主板烧了，去年6月在西安买的，没进过水', ['主板烧了', '去年6月', '西安', '没进过水']],
    ]);
  });

  it('when nothing is known of the part or the dates, then the ticket still carries a decision with its citations', async () => {
    const deps = setup();
    await report(deps, [
      [everything('描述：开机就报警 地址：北京市海淀区学院路20号'), [w.repair.partAssumed, purchaseQuestion()]],
      ['先这样提交吧', '工单号'],
    ]);
    const record = coverageOf(deps);
    expect(record.decision.covered).toBeNull();
    expect(record.decision.citations.length).toBeGreaterThan(0);
  });

  it('when the invoice is recent, then the factory date is not asked; when it is old enough for the factory date to matter, it is', async () => {
    const recent = setup();
    await report(recent, [
      [
        everything('描述：主板烧了 2025年10月买的 地址：北京市海淀区学院路20号'),
        w.repair.summaryHeader,
        factoryQuestion(),
      ],
    ]);
    const old = setup();
    await report(old, [[everything('描述：主板烧了 2023年5月买的 地址：北京市海淀区学院路20号'), factoryQuestion()]]);
  });

  it('when the customer asks whether the machine is still covered mid-form, then the verdict so far comes with its clause and the form goes on', async () => {
    const deps = setup();
    const description = deps.texts.form.find((f) => f.role === 'faultDescription')?.question ?? '';
    const client = new DialogTestClient('test', new RepairReportDialog(deps), {
      initialText: '报修 R5300 SN2025Q00003 2025年2月买的',
    });
    await play(client, [
      ['报修 R5300 SN2025Q00003 2025年2月买的', description],
      ['这台现在还在保吗', [w.coverage.covered, '「', w.repair.resume, description]],
    ]);
  });

  it('when the address question is answered with when and where the machine was bought, then those facts are kept and the address is asked again', async () => {
    const deps = setup();
    const address = deps.texts.form.find((f) => f.key === 'address')?.question ?? '';
    await report(deps, [
      [everything('描述：主板烧了'), address],
      ['哦对了 机器放在常州 去年双十一买的', ['2025-11-11', '去年双十一', '常州', address], '好像不对'],
    ]);
  });

  it('when the error question is answered with when the machine was bought, then the facts are taken and the error question comes again', async () => {
    const deps = setup();
    const error = deps.texts.form.find((f) => f.key === 'errorMessage')?.question ?? '';
    const client = new DialogTestClient('test', new RepairReportDialog(deps), {
      initialText: '报修 R5300 SN2025Q00004 描述：主板烧了',
    });
    await play(client, [
      ['报修 R5300 SN2025Q00004 描述：主板烧了', error],
      ['对了 这台是2025年6月6号开票买的', ['2025-06-06', error], '系统错误信息'],
      ['无', deps.texts.form.find((f) => f.key === 'config')?.question ?? ''],
    ]);
  });

  it('when facts come with the go-ahead at the summary, then they are echoed and the ticket is filed with them', async () => {
    const deps = setup();
    await report(deps, [
      [everything('描述：网卡灯不亮 地址：某某大厦12层'), purchaseQuestion()],
      ['可以 对了是2025年2月2号买的 在昆明 提交吧', ['2025-02-02', '昆明', '工单号']],
    ]);
    expect(coverageOf(deps).facts).toMatchObject({ purchaseDate: '2025-02-02' });
  });

  it('when a correction comes with the go-ahead, then the summary is shown again before filing', async () => {
    const deps = setup();
    await report(deps, [
      [everything('描述：网卡灯不亮 地址：某某大厦12层'), purchaseQuestion()],
      ['电话改成13766668888 然后提交', ['联系方式 13766668888', w.repair.summaryHeader], '工单号'],
    ]);
    expect(deps.tickets.created).toHaveLength(0);
  });
});
