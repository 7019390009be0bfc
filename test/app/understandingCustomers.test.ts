import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unansweredCommand } from '../../src/cli/unansweredCommand.js';
import { openDatabase } from '../../src/storage/openDatabase.js';
import { memoryIo } from '../cli/cliHarness.js';
import { startLiveBot, type LiveBot } from './conversation.js';

// The real knowledge base and matcher, over POST /api/messages: how customers' own words are understood.
let bot: LiveBot;
const w = () => bot.texts.wording;
const rongke = '《融科联创服务器保修》';
const standard = '《标准售后服务》';

beforeAll(async () => {
  bot = await startLiveBot();
}, 60_000);
afterAll(async () => bot.stop());

describe('understanding what customers mean', () => {
  it('when the bot is unsure and the customer types 2, then the second offered topic is answered with its clause', async () => {
    const [offer = ''] = await bot.play('u-numbered', [['关于保修我有点疑问', ['您是想问', '2. ', '[转人工]']]]);
    const second = /2\. (《[^》]+》[^\n]+)/.exec(offer)?.[1] ?? '';
    expect(second).not.toBe('');
    await bot.play('u-numbered', [['2', ['根据保修政策原文', second.replace(/ › .*/, '')], '您是想问']]);
  });

  it('when the customer writes “第一个”, then the first offered topic is answered', async () => {
    await bot.play('u-ordinal', [
      ['关于保修我有点疑问', '1. '],
      ['第一个', '根据保修政策原文', '您是想问'],
    ]);
  });

  it('when a command comes in pinyin, then it is understood as the command', async () => {
    await bot.play('u-pinyin-command', [['zhuan ren gong', w().handoff.askPhone]]);
  });

  it('when a question comes in pinyin, then it is answered from the policies', async () => {
    await bot.play('u-pinyin-question', [
      ['shang men yao duo jiu', ['上门服务响应时间', '8小时内上门', '72小时内上门']],
    ]);
  });

  it('when a message asks about prices or buying advice, then it is out of scope: no quote, no form, a human offered', async () => {
    await bot.play('u-near-domain', [
      [
        '你们家两路的服务器现在什么价，给推荐个配置',
        [w().outOfScope, '[转人工]'],
        /根据保修政策原文|请核对报修信息|产品型号/,
      ],
      ['帮我写个定时备份数据库的shell脚本', w().outOfScope, /根据保修政策原文|「/],
    ]);
  });

  it('when the on-site time is asked without a city, then every tier is quoted and the city is asked for', async () => {
    await bot.play('u-onsite-no-city', [
      [
        '工程师上门一般要多久',
        ['8小时内上门', '24小时内上门', '36小时内上门', '72小时内上门', '新疆、西藏', '哪个城市'],
      ],
    ]);
  });

  it('when the on-site time is asked with a city, then that tier is quoted', async () => {
    await bot.play('u-onsite-city', [['我们在西宁，上门要多久', '24小时内上门', '8小时内上门']]);
  });

  it('when the customer names the other product, then only that policy is cited', async () => {
    await bot.play('u-named-policy', [
      ['不是融科的，是你们的交换机，保修热线打哪个', [standard, '4009-100-100'], rongke],
    ]);
  });

  it('when the machine was made before August 2017, then the clause limiting the policy leads the answer', async () => {
    const [reply = ''] = await bot.play('u-2017', [
      ['融科服务器是2015年生产的，硬盘坏了还在三年保修里吗', ['2017年8月1日(含)之后生产']],
    ]);
    expect(reply.indexOf('2017年8月1日(含)之后生产')).toBeLessThan(
      reply.indexOf('三年保修') === -1 ? Infinity : reply.indexOf('三年保修'),
    );
  });

  it('when the bot abstains on a question carrying a phone number, then cli unanswered lists it with the number masked', async () => {
    await bot.play('u-unanswered', [['关于保修我有点疑问，13912345678', '您是想问']]);
    const { io, out } = memoryIo();
    const code = await unansweredCommand(undefined, io, () =>
      openDatabase({ DATA_DIR: bot.dataDir, DATABASE_URL: undefined }),
    );
    expect(code).toBe(0);
    const lines = out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { conversationId: string; kind: string; text: string; candidates: unknown[] });
    const entry = lines.find((l) => l.conversationId === 'u-unanswered');
    expect(entry?.kind).toBe('abstained');
    expect(entry?.text).toContain('[电话]');
    expect(out()).not.toContain('13912345678');
    expect(entry?.candidates.length).toBeGreaterThan(0);
  });
});

describe('offered topics inside the repair form', () => {
  it('when a question mid-form gets topics and the customer types 1, then the topic is answered and the form goes on', async () => {
    const [, offer = ''] = await bot.play('u-form-topics', [
      ['我要报修，R5300G2 序列号SN5Z8K3301，风扇声音很大', '已记录'],
      ['关于保修我有点疑问？', ['您是想问', '1. ', '[转人工]']],
    ]);
    expect(offer).toContain('1. ');
    await bot.play('u-form-topics', [['1', ['根据保修政策原文', '我们继续登记报修'], '您是想问']]);
  });
});
