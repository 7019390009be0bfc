import { describe, expect, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import { CoverageDialog, type CoverageResult } from '../../dialogs/CoverageDialog.js';
import { realEngine } from '../coverage/engineFixture.js';
import { fakeDependencies, responseClause } from './fakes.js';
import { play, type TranscriptRow } from './transcript.js';

const deps = fakeDependencies();
const q = deps.texts.wording.coverage.questions;
const w = deps.texts.wording.coverage;

async function check(rows: TranscriptRow[]): Promise<DialogTestClient> {
  const client = new DialogTestClient('test', new CoverageDialog(deps), { initialText: rows[0]?.[0] });
  await play(client, rows);
  return client;
}

describe('CoverageDialog', () => {
  it('when the customer already gave part and date, then only city and cause are asked, the decision is cited and a repair is offered', async () => {
    const client = await check([
      ['融科服务器的硬盘坏了，2024-05-01买的，还在保吗', q.city, new RegExp(`${q.part}|${q.purchaseDate}`)],
      ['天津', q.cause, q.part],
      ['正常使用中突然坏的', [w.decisionHeader, w.covered, responseClause.text, '2027-01-01', w.offerRepair]],
      ['好的', []],
    ]);
    const result: CoverageResult | undefined = client.dialogTurnResult.result;
    expect(result).toMatchObject({
      startRepair: true,
      policy: 'rongke-server',
      prefill: { description: '硬盘出现故障，正常使用' },
    });
  });

  it('when nothing is known, then the policy is asked first with its choices, and an unrecognised answer is asked again', async () => {
    await check([
      ['帮我判断是否在保', [w.askPolicy, '[融科联创服务器]']],
      ['机器放在机房里', [w.askPolicy, '[融科联创服务器]']],
      ['融科的', q.part],
    ]);
  });

  it('when the customer declines the repair offer, then the dialog ends without one', async () => {
    const client = await check([
      ['融科服务器网线断了，2025-02-02买的，北京，正常使用', [w.decisionHeader, w.offerRepair]],
      ['不用了', w.noRepair],
    ]);
    expect(client.dialogTurnResult.result).toMatchObject({ startRepair: false });
  });

  it('when the decision is given, then it says which facts it used, in the customer’s words', async () => {
    const real = fakeDependencies({ coverage: realEngine() });
    const client = new DialogTestClient('test', new CoverageDialog(real), {
      initialText: '融科服务器的内存坏了，发票弄丢了，铭牌上出厂日期是2024年3月2日，人在厦门，正常用着坏的',
    });
    await play(client, [
      [
        '融科服务器的内存坏了，发票弄丢了，铭牌上出厂日期是2024年3月2日，人在厦门，正常用着坏的',
        [w.decisionHeader, '发票弄丢了', '2024年3月2日', '厦门', '如无有效发票'],
      ],
    ]);
  });
});
