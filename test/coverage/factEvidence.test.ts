import { describe, expect, it } from 'vitest';
import { realEngine } from './engineFixture.js';

const today = '2026-06-15';
const read = (text: string) => realEngine().extractFacts(text, today);
const said = (text: string, field: string) => read(text).evidence.filter((e) => e.field === field).map((e) => e.text);

describe('every fact keeps the words it came from', () => {
  it('when a message gives product, part, place, dates and a repair count, then each fact has its span in the message as typed', () => {
    const text = '融科那台服务器放在武汉，2025年1月5日开的发票，出厂是2024年12月，内存条已经返修过两回了';
    const x = read(text);
    for (const e of x.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(said(text, 'city')).toEqual(['武汉']);
    expect(said(text, 'purchaseDate')).toEqual(['2025年1月5日']);
    expect(said(text, 'factoryDate')).toEqual(['2024年12月']);
    expect(said(text, 'part')).toEqual(['内存条']);
    expect(said(text, 'repairsInLastYear')[0]).toContain('两回');
    expect(x.facts.repairsInLastYear).toBe(2);
  });

  it('when the message is in traditional characters and full-width digits, then the span quotes the original characters', () => {
    const text = '伺服器的硬碟壞了，２０２５年３月２日買的';
    const x = read(text);
    expect(x.facts.purchaseDate).toBe('2025-03-02');
    expect(said(text, 'part')).toEqual(['硬碟']);
    expect(said(text, 'purchaseDate')[0]).toContain('２０２５年３月２日');
  });

  it('when dates are separated by spaces instead of commas, then each keyword labels the date in its own chunk', () => {
    const f = read('主板坏了 上个月20号开的票 铭牌出厂2025年3月1日').facts;
    expect(f).toMatchObject({ purchaseDate: '2026-05-20', factoryDate: '2025-03-01' });
  });
});

describe('no invoice is a fact', () => {
  it.each([
    ['发票当时就没开', '没开'],
    ['那张发票搬家时弄丢了', '弄丢'],
    ['我们没有开发票', '没有开发票'],
  ])('when the customer says “%s”, then there is no invoice, quoted', (words, quoted) => {
    const x = read(`融科服务器，${words}，硬盘坏了`);
    expect(x.facts.invoice).toBe(false);
    expect(said(`融科服务器，${words}，硬盘坏了`, 'invoice')[0]).toContain(quoted);
  });

  it('when the customer only asks whether an invoice is needed, then nothing is read about the invoice', () => {
    expect(read('报修需要有没有发票吗').facts.invoice).toBeUndefined();
  });

  it('when there is no invoice and a purchase date and a factory date are given, then the warranty starts at the factory date', () => {
    const a = realEngine().assess('融科服务器去年4月买的但发票找不到了，标签上出厂日期2023年5月6日，网卡坏了', today);
    expect(a.decision?.warrantyStart).toBe('2023-05-06');
    expect(a.decision?.warrantyEnd).toBe('2026-05-06');
    expect(a.decision?.covered).toBe(false);
    expect(a.decision?.citations.some((c) => c.quote.includes('如无有效发票'))).toBe(true);
  });

  it('when there is no invoice and no factory date, then no decision is made from the purchase date and the factory date is asked', () => {
    const a = realEngine().assess('融科服务器2025年8月买的，发票丢了，内存坏了', today);
    expect(a.decision?.covered).toBeNull();
    expect(a.decision?.warrantyStart).toBeNull();
    expect(a.missing.map((m) => m.field)).toContain('factoryDate');
    expect(a.decision?.reasons.join('')).not.toContain('以发票日期');
  });
});

describe('denials are facts', () => {
  it('when the customer rules out lightning and a knock, then neither is the cause and the decision says so', () => {
    const a = realEngine().assess('融科服务器主板坏了，不是雷击的，也没碰过，2025年9月买的，在成都', today);
    expect(a.facts.cause).toBeUndefined();
    expect(a.facts.deniedCauses).toEqual(expect.arrayContaining(['雷击']));
    expect(a.decision?.covered).toBe(true);
    const denial = a.decision?.basis.find((b) => b.field === 'deniedCauses');
    expect(denial?.said).toContain('不是雷击');
  });

  it('when the customer says the product is not 融科, then the other policy applies, quoted', () => {
    const x = read('这台网络存储并非融科的产品，主板坏了');
    expect(x.facts.policy).toBe('standard-service');
    expect(said('这台网络存储并非融科的产品，主板坏了', 'policy')[0]).toContain('并非融科');
  });

  it('when the product is a switch or a firewall, then it is under the standard after-sales service', () => {
    expect(read('你们家的交换机电源坏了').facts.policy).toBe('standard-service');
  });

  it('when 碰到 means running into a problem, then it is no knock', () => {
    expect(read('最近碰到一个问题，硬盘掉线').facts.cause).toBeUndefined();
  });
});

describe('a place is a place only when the text names one', () => {
  it.each([
    '机柜里现在电源灯不亮',
    '在电源附近闻到焦味',
    '重新安装系统后一直蓝屏',
    '公司在中山路上，硬盘坏了',
    '新会议室那台服务器的内存坏了',
  ])('when the text is “%s”, then no place is read', (text) => {
    expect(read(text).facts.city).toBeUndefined();
  });

  it.each([
    ['设备放在东莞的机房', '东莞'],
    ['人在杭洲，风扇坏了', '杭州'],
    ['安徽省芜湖市镜湖区某某路1号', '芜湖'],
    ['服务器放在上海交大的实验室', '上海'],
  ])('when the text is “%s”, then the place is read', (text, city) => {
    expect(read(text).facts.city).toContain(city);
  });
});

describe('parts as customers name them', () => {
  it('when a fan is said to sit on the graphics card, then the part is the graphics-card fan and it is sent in, not repaired on site', () => {
    const a = realEngine().assess('融科服务器，CPU上面的那个风扇坏了，2025年10月买的，在广州', today);
    expect(a.facts.part).toBe('CPU风扇');
    expect(a.decision?.service).not.toContain('onsite');
  });

  it('when the power button is mentioned, then it is not the power supply', () => {
    expect(read('按了电源键没反应，硬盘灯也不亮').facts.part).toBe('硬盘');
  });
});

describe('decisions say which facts they used, in the customer’s words', () => {
  it('when a covered decision is made, then its basis lists the facts with what the customer said', () => {
    const a = realEngine().assess('融科服务器的RAID卡坏了，今年2月3号开的票，机器在西安', today);
    const basis = a.decision?.basis ?? [];
    expect(basis.map((b) => b.field)).toEqual(expect.arrayContaining(['policy', 'part', 'purchaseDate', 'city']));
    expect(basis.find((b) => b.field === 'purchaseDate')).toMatchObject({ value: '2026-02-03', said: '今年2月3号' });
    expect(basis.find((b) => b.field === 'city')?.said).toBe('西安');
  });

  it('when facts come from an earlier turn, then the basis still quotes that turn', () => {
    const first = realEngine().assess('融科服务器电源坏了，2026年1月8日买的', today);
    const second = realEngine().assess('在南昌', today, first.facts, { evidence: first.extraction.evidence });
    expect(second.decision?.basis.find((b) => b.field === 'purchaseDate')?.said).toBe('2026年1月8日');
    expect(second.decision?.basis.find((b) => b.field === 'city')?.said).toBe('南昌');
  });
});

describe('dates as customers say them', () => {
  it.each([
    ['上上个月买的', '2026-04-01', '2026-04-30'],
    ['2024年下半年买的', '2024-07-01', '2024-12-31'],
    ['去年年中采购的', '2025-06-01', '2025-07-31'],
    ['前年双十一下单的', '2024-11-11', '2024-11-11'],
  ])('when the customer says “%s”, then the purchase lies between %s and %s', (text, earliest, latest) => {
    const x = read(text);
    expect(x.facts.purchaseDate).toBe(earliest);
    const span = x.imprecise.find((d) => d.field === 'purchaseDate');
    expect(span?.latest ?? earliest).toBe(latest);
  });
});

