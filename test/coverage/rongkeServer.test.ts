import { describe, expect, it } from 'vitest';
import type { CoverageInput } from '../../src/coverage/types.js';
import { realEngine } from './engineFixture.js';

const decide = (input: Partial<CoverageInput>) =>
  realEngine().decide({ policy: 'rongke-server', part: '主板', today: '2025-06-15', ...input });

describe('rongke-server warranty start', () => {
  it('when invoice and factory dates are exactly three months apart, then the invoice date starts the warranty', () => {
    const d = decide({ purchaseDate: '2024-04-10', factoryDate: '2024-01-10' });
    expect(d.warrantyStart).toBe('2024-04-10');
    expect(d.warrantyEnd).toBe('2027-04-10');
  });

  it('when invoice and factory dates are three months and one day apart, then the factory date starts it', () => {
    const d = decide({ purchaseDate: '2024-04-11', factoryDate: '2024-01-10' });
    expect(d.warrantyStart).toBe('2024-01-10');
    expect(d.warrantyEnd).toBe('2027-01-10');
    expect(d.citations.some((c) => c.quote.includes('超过三个月按照产品出厂日期计算'))).toBe(true);
  });

  it('when there is no invoice, then the factory date starts the warranty', () => {
    const d = decide({ factoryDate: '2023-02-20' });
    expect(d.warrantyStart).toBe('2023-02-20');
    expect(d.citations.some((c) => c.quote.includes('如无有效发票'))).toBe(true);
  });

  it('when the invoice is dated after delivery, then the factory date starts the warranty', () => {
    const d = decide({ purchaseDate: '2024-03-01', deliveryDate: '2024-02-20', factoryDate: '2024-02-01' });
    expect(d.warrantyStart).toBe('2024-02-01');
  });

  it('when the invoice is after delivery and the factory date is unknown, then it asks for the factory date', () => {
    const d = decide({ purchaseDate: '2024-03-01', deliveryDate: '2024-02-20' });
    expect(d.covered).toBeNull();
    expect(d.remedy).toBe('ask');
    expect(realEngine().missingFacts({ policy: 'rongke-server', part: '主板', purchaseDate: '2024-03-01', deliveryDate: '2024-02-20' }, '2025-06-15').map((m) => m.field)).toContain('factoryDate');
  });

  it('when no date at all is known, then coverage is unknown and both dates are asked for', () => {
    const d = decide({});
    expect(d.covered).toBeNull();
    expect(d.warrantyStart).toBeNull();
    const missing = realEngine().missingFacts({ policy: 'rongke-server', part: '主板' }, '2025-06-15').map((m) => m.field);
    expect(missing).toEqual(expect.arrayContaining(['purchaseDate', 'factoryDate']));
  });
});

describe('rongke-server three-year period', () => {
  it('when today is the last day of the three years, then the part is still covered', () => {
    const d = decide({ purchaseDate: '2022-06-15', factoryDate: '2022-06-01' });
    expect(d.warrantyEnd).toBe('2025-06-15');
    expect(d.covered).toBe(true);
    expect(d.remedy).toBe('repair');
  });

  it('when today is the day after the three years, then repair is paid', () => {
    const d = decide({ purchaseDate: '2022-06-14', factoryDate: '2022-06-01' });
    expect(d.covered).toBe(false);
    expect(d.remedy).toBe('paid');
    expect(d.service).toEqual([]);
  });

  it('when bought on 31 August, then the three years end on 31 August', () => {
    expect(decide({ purchaseDate: '2023-08-31', factoryDate: '2023-08-01', today: '2024-01-01' }).warrantyEnd).toBe('2026-08-31');
  });
});

describe('rongke-server applicability', () => {
  it('when produced on 2017-08-01, then the promise applies', () => {
    const d = decide({ factoryDate: '2017-08-01', today: '2020-07-01' });
    expect(d.covered).toBe(true);
  });

  it('when produced on 2017-07-31, then the promise does not apply', () => {
    const d = decide({ factoryDate: '2017-07-31', purchaseDate: '2017-09-01', today: '2019-01-01' });
    expect(d.covered).toBe(false);
    expect(d.remedy).toBe('not_covered');
    expect(d.citations.some((c) => c.quote.includes('2017年8月1日(含)之后生产'))).toBe(true);
  });
});

describe('rongke-server parts', () => {
  it.each(['机箱锁', '机箱钥匙', '随机资料', '前面板'])('when the part is the accessory %s, then it is not covered', (part) => {
    const d = decide({ part, purchaseDate: '2025-01-01' });
    expect(d.covered).toBe(false);
    expect(d.remedy).toBe('not_covered');
  });

  it('when the part is not on the list, then the customer is told to ask the vendor', () => {
    const d = decide({ part: '显示器', purchaseDate: '2025-01-01' });
    expect(d.covered).toBeNull();
    expect(d.remedy).toBe('ask');
    expect(d.citations.some((c) => c.quote === '请直接向融科联创公司咨询')).toBe(true);
  });

  it('when a part was replaced under warranty two months before the end, then it keeps three months from the replacement without on-site service after the machine period', () => {
    const input = { purchaseDate: '2022-06-01', factoryDate: '2022-05-20', partHistory: { kind: 'replaced_under_warranty' as const, date: '2025-04-20' } };
    const d = decide({ ...input, today: '2025-07-01', city: '北京' });
    expect(d.warrantyEnd).toBe('2025-07-20');
    expect(d.covered).toBe(true);
    expect(d.service).not.toContain('onsite');
    expect(decide({ ...input, today: '2025-07-21' }).covered).toBe(false);
  });

  it('when a part was bought after the warranty, then it has one year and no on-site service', () => {
    const d = decide({ part: '内存', purchaseDate: '2020-01-10', factoryDate: '2020-01-01', partHistory: { kind: 'paid_replacement', date: '2024-03-01' }, today: '2025-02-28', city: '上海' });
    expect(d.warrantyEnd).toBe('2025-03-01');
    expect(d.covered).toBe(true);
    expect(d.service).not.toContain('onsite');
    expect(d.onsiteHours).toBeNull();
  });

  it('when a part was added during the warranty, then the accessory policy gives it one year', () => {
    const d = decide({ part: '硬盘', purchaseDate: '2024-01-10', factoryDate: '2024-01-01', partHistory: { kind: 'added', date: '2024-05-01' }, today: '2025-06-01' });
    expect(d.warrantyEnd).toBe('2025-05-01');
    expect(d.covered).toBe(false);
    expect(d.citations.some((c) => c.quote.includes('保修期内增配的部件'))).toBe(true);
  });
});

describe('rongke-server service mode', () => {
  it.each(['主板', 'cpu', '非热插拔硬盘', '内存', 'RAID卡', '非热拔插电源', 'SAS背板'])('when %s fails, then on-site service is offered', (part) => {
    expect(decide({ part, purchaseDate: '2025-01-01' }).service).toContain('onsite');
  });

  it.each(['CPU风扇', '显卡风扇', '机箱风扇'])('when the %s fails, then only send-in or shipped replacement', (part) => {
    const d = decide({ part, purchaseDate: '2025-01-01', city: '北京' });
    expect(d.covered).toBe(true);
    expect(d.service).toEqual(expect.arrayContaining(['send_in', 'ship_replacement']));
    expect(d.service).not.toContain('onsite');
    expect(d.onsiteHours).toBeNull();
  });

  it.each(['热插拔硬盘', '热拨插硬盘', '热拔插电源'])('when the %s fails, then a replacement is shipped', (part) => {
    const d = decide({ part, purchaseDate: '2025-01-01' });
    expect(d.service).toContain('ship_replacement');
    expect(d.service).not.toContain('onsite');
  });

  it('when the keyboard fails, then it is a shipped replacement', () => {
    const d = decide({ part: '键盘', purchaseDate: '2025-01-01' });
    expect(d.service).toEqual(['ship_replacement', 'remote']);
  });
});

describe('rongke-server on-site hours', () => {
  it.each([
    ['北京', 8],
    ['上海市浦东新区', 8],
    ['深圳南山区', 8],
    ['杭州', 24],
    ['南宁市', 24],
    ['苏州', 36],
    ['洛阳市', 36],
    ['昆山', 72],
    ['云南省大理州宾川县', 72],
  ])('when the machine is in %s, then on-site within %i hours', (city, hours) => {
    expect(decide({ purchaseDate: '2025-01-01', city }).onsiteHours).toBe(hours);
  });

  it.each(['乌鲁木齐', '西藏拉萨', '新疆喀什'])('when the machine is in %s, then hours are agreed case by case', (city) => {
    const d = decide({ purchaseDate: '2025-01-01', city });
    expect(d.onsiteHours).toBeNull();
    expect(d.citations.some((c) => c.quote.includes('新疆、西藏等城市'))).toBe(true);
  });

  it('when only a province is given, then the hours are unknown and the city is asked for', () => {
    const d = decide({ purchaseDate: '2025-01-01', city: '浙江省' });
    expect(d.onsiteHours).toBeNull();
    expect(d.covered).toBe(true);
  });

  it('when covered, then the phone response times are given', () => {
    expect(decide({ purchaseDate: '2025-01-01' }).reasons.join('')).toContain('一小时内回应');
  });
});

describe('rongke-server exclusions by cause', () => {
  it.each([
    ['从桌上摔到地上', '跌落'],
    ['机柜漏水泡了', '水浸'],
    ['被老鼠咬断了线', '虫噬鼠咬'],
    ['之前自己拆开修过', '非融科联创授权'],
    ['机身标签撕掉了', '识别信息'],
    ['装了盗版系统', '非合法授权'],
    ['服务器被黑客攻击了', '黑客袭击'],
    ['雷劈了', '不可抗力'],
    ['外壳掉漆磨损', '磨损'],
    ['搬机房的时候', '不当搬运'],
  ])('when the cause is "%s", then it is not covered, citing the %s clause', (cause, quoted) => {
    const d = decide({ purchaseDate: '2025-01-01', cause });
    expect(d.covered).toBe(false);
    expect(d.remedy).toBe('not_covered');
    expect(d.citations.some((c) => c.quote.includes(quoted))).toBe(true);
  });

  it('when the customer says it failed in normal use, then no exclusion applies', () => {
    expect(decide({ purchaseDate: '2025-01-01', cause: '正常使用突然坏了' }).covered).toBe(true);
  });

  it('when the customer denies the cause, then no exclusion applies', () => {
    expect(decide({ purchaseDate: '2025-01-01', cause: '没有进水也没摔过' }).covered).toBe(true);
  });
});

describe('rongke-server simple parts named only in the service table', () => {
  it('when the mouse fails within the machine warranty, then it is covered by shipped replacement', () => {
    const d = decide({ part: '鼠标', purchaseDate: '2025-01-01', city: '广州' });
    expect(d.covered).toBe(true);
    expect(d.service).toContain('ship_replacement');
    expect(d.service).not.toContain('onsite');
    expect(d.onsiteHours).toBeNull();
  });
});
