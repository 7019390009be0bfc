import { describe, expect, it } from 'vitest';
import { realDeps, realEngine } from './engineFixture.js';

const today = '2025-09-10';
const facts = (text: string) => realEngine().extractFacts(text, today).facts;

describe('part names from free text', () => {
  it.each([
    ['阵列卡报警了', 'raid_card'],
    ['那块热插拔的硬盘亮红灯', 'hdd_hotswap'],
    ['热拨插硬盘掉线', 'hdd_hotswap'],
    ['cpu风扇不转了', 'cpu_fan'],
    ['机箱钥匙丢了', 'chassis_key'],
    ['内存条报错', 'memory'],
    ['硬碟壞了', 'hdd'],
    ['电源线断了', 'power_cord'],
    ['电源不供电', 'psu'],
  ])('when the message says "%s", then the part is %s', (text, id) => {
    const part = facts(text).part;
    expect(part).toBeDefined();
    expect(realDeps().parts.resolve(part ?? '').id).toBe(id);
  });

  it.each([
    ['主版', 'mainboard'],
    ['Mother Board', 'mainboard'],
    ['Hard Disk', 'hdd'],
    ['SAS 背板', 'sas_backplane'],
  ])('when the part field is written "%s", then it resolves to %s', (text, id) => {
    expect(realDeps().parts.resolve(text).id).toBe(id);
  });

  it('when the part is not known, then it stays unknown', () => {
    expect(realDeps().parts.resolve('咖啡机').id).toBeUndefined();
  });
});

describe('causes from free text', () => {
  it.each([
    ['昨天打雷被雷劈了', 'force_majeure'],
    ['不小心摔了一下', 'drop'],
    ['服务器被洒了一杯咖啡', 'liquid'],
    ['好像被黑客攻击了', 'virus_hacker'],
    ['找外面维修店修过', 'unauthorised_repair'],
  ])('when the message says "%s", then the cause is %s', (text, id) => {
    const cause = facts(text).cause;
    expect(cause).toBeDefined();
    expect(realDeps().causes.find(cause ?? '').map((c) => c.id)).toContain(id);
  });

  it('when the customer denies a cause, then no cause is taken', () => {
    expect(facts('硬盘坏了，没有进水')).not.toHaveProperty('cause');
  });
});

describe('whole messages', () => {
  it('when a message gives product, month, city and part, then all are read', () => {
    const x = realEngine().extractFacts('融科的服务器去年8月在西安买的，主板坏了', today);
    expect(x.facts).toMatchObject({ policy: 'rongke-server', part: '主板', purchaseDate: '2024-08-01' });
    expect(x.facts.city).toContain('西安');
    expect(x.imprecise).toEqual([{ field: 'purchaseDate', text: '去年8月', earliest: '2024-08-01', latest: '2024-08-31' }]);
  });

  it('when several dates are given, then keywords tell purchase, factory and delivery apart', () => {
    const f = facts('发票是2024年3月5日开的，出厂日期2023年10月1日，2024年3月1日到货');
    expect(f).toMatchObject({ purchaseDate: '2024-03-05', factoryDate: '2023-10-01', deliveryDate: '2024-03-01' });
  });

  it('when the repair count is given, then it is read', () => {
    expect(facts('这块主板一年里已经修了三次了').repairsInLastYear).toBe(3);
  });

  it('when a month-only date straddles the end of the warranty, then the engine asks for the exact day', () => {
    const a = realEngine().assess('融科服务器2022年9月买的，内存坏了，在北京', today);
    expect(a.decision?.covered).toBeNull();
    expect(a.missing.map((m) => m.field)).toContain('exactDate');
  });

  it('when policy and part are missing, then no decision is made and both are asked for', () => {
    const a = realEngine().assess('去年买的，坏了', today);
    expect(a.decision).toBeNull();
    expect(a.missing.map((m) => m.field)).toEqual(expect.arrayContaining(['policy', 'part']));
    expect(a.missing.every((m) => m.question.length > 0)).toBe(true);
  });

  it('when facts come over several turns, then earlier facts are kept', () => {
    const first = realEngine().assess('融科服务器的风扇坏了', today);
    const second = realEngine().assess('2025年1月2日买的', today, first.facts);
    expect(second.facts).toMatchObject({ policy: 'rongke-server', part: '风扇', purchaseDate: '2025-01-02' });
    expect(second.decision?.covered).toBe(true);
  });
});

describe('harder phrasings', () => {
  it('when hot-swap is said apart from the part, then the hot-swap part is taken and it is not read as a cause', () => {
    const f = facts('电源坏了一个，是热插拔的');
    expect(realDeps().parts.resolve(f.part ?? '').id).toBe('psu_hotswap');
    expect(f.cause).toBeUndefined();
  });

  it('when the part field carries the modifier in brackets, then the specific part is resolved', () => {
    expect(realDeps().parts.resolve('硬盘（非热插拔）').id).toBe('hdd_fixed');
  });

  it('when 前年 comes with a month, then that month two years ago is meant', () => {
    expect(facts('前年4月采购的').purchaseDate).toBe('2023-04-01');
  });

  it('when the customer says how long ago they bought it (买了半年), then the purchase date is counted back', () => {
    expect(facts('服务器买了半年，内存坏了').purchaseDate).toBe('2025-03-10');
  });

  it('when the place after 在 has a typo, then it is still found', () => {
    expect(facts('人在深川，风扇坏了').city).toBe('广东省深圳市');
  });

  it('when delivery is said as 到的货, then it is the delivery date', () => {
    expect(facts('8月1号到的货').deliveryDate).toBe('2025-08-01');
  });
});
