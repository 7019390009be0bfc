import { describe, expect, it } from 'vitest';
import { realEngine } from './engineFixture.js';

const today = '2026-12-01';
const facts = (text: string) => realEngine().extractFacts(text, today).facts;
const decide = (text: string) => realEngine().assess(text, today).decision;

describe('facts typed in pinyin or with homophone typos', () => {
  it('when the part is typed in pinyin, then it is read as the part meant', () => {
    expect(facts('融科服务器有块yingpan坏了').part).toBe('硬盘');
  });

  it('when the invoice is mistyped as a homophone, then it is still an invoice', () => {
    expect(facts('融科的服务器 法票今年3月开的 电源坏了').invoice).toBe(true);
  });

  it('when a mended reading would change the words around a date, then the date is read from the typed words', () => {
    // 一直报警 once read as 一质保警, losing the words that make 前天 the day the fault began.
    expect(facts('前天开始一直报警，融科服务器电源坏了').purchaseDate).toBeUndefined();
  });
});

describe('causes that did not happen', () => {
  it.each(['这款电源不支持热插拔，得关机拆开换的', '那块硬盘需要拆机才能换', '打算拆开看看'])(
    'when "%s" describes a step or an intention, then no cause is read',
    (text) => {
      expect(facts(`融科服务器 ${text}`).cause).toBeUndefined();
    },
  );

  it.each(['我们自己拆开换了内存', '机房变得很潮湿'])('when "%s" says what happened, then the cause is read', (text) => {
    expect(facts(`融科服务器 ${text}`).cause).toBeDefined();
  });

  it('when the customer says they added another brand of memory, then the part is not original and not covered', () => {
    const decision = decide('融科服务器去年买的，后来自己加了两根别的牌子的内存条，现在有一根报错');
    expect(decision?.covered).toBe(false);
  });

  it('when an excluded cause is named but no part, then it is decided as not covered and the part is not asked first', () => {
    const assessment = realEngine().assess('融科服务器中了勒索病毒，机器起不来了', today);
    expect(assessment.decision?.covered).toBe(false);
    expect(assessment.missing.filter((m) => m.blocking)).toEqual([]);
  });
});

describe('a part that is not the original', () => {
  it('when the part was replaced at the customer’s cost after the warranty, then it has a year from then, without on-site service', () => {
    const text = '济南的，融科服务器2021年5月出厂，发票早找不到了。今年3月12号电源坏过一次，当时是花钱找你们换的原厂电源，现在又不行了';
    const read = facts(text);
    expect(read.partHistory).toEqual({ kind: 'paid_replacement', date: '2026-03-12' });
    expect(read.purchaseDate).toBeUndefined();
    const decision = decide(text);
    expect(decision?.covered).toBe(true);
    expect(decision?.warrantyEnd).toBe('2027-03-12');
    expect(decision?.service).not.toContain('onsite');
  });

  it('when a part replaced under warranty fails after the machine’s warranty, then the three months from the replacement still hold', () => {
    const text = '郑州的，融科服务器2023年10月10日开的发票。今年9月20号内存坏了，工程师来换了一根新的，这两天换上的那根又报错了';
    expect(facts(text).partHistory).toEqual({ kind: 'replaced_under_warranty', date: '2026-09-20' });
    const decision = decide(text);
    expect(decision?.covered).toBe(true);
    expect(decision?.warrantyEnd).toBe('2026-12-20');
  });

  it('when a replacement is mentioned without a date, then no history is read (the period depends on the date)', () => {
    expect(facts('融科服务器的内存之前换过一根新的，现在又坏了').partHistory).toBeUndefined();
  });
});

describe('dates as customers write them', () => {
  it.each([
    ['PO和invoice都是8/15/2026', 'purchaseDate', '2026-08-15'],
    ['出厂2025.10.9', 'factoryDate', '2025-10-09'],
    ['24年8月买的', 'purchaseDate', '2024-08-01'],
    ['机器铭牌是2024年10月30号出厂，发票同年11月18号开的', 'purchaseDate', '2024-11-18'],
    ['发票是2025年9月2日开的，铭牌出厂8月20日', 'factoryDate', '2025-08-20'],
    ['今年10月20号到货，当天开的票', 'purchaseDate', '2026-10-20'],
    ['发票是2025年开的，结果今天看铭牌写着2017年6月生产', 'factoryDate', '2017-06-01'],
    ['今年开春买的', 'purchaseDate', '2026-02-01'],
  ] as const)('when the message says "%s", then %s is %s', (text, field, date) => {
    expect(facts(`融科服务器 ${text}`)[field]).toBe(date);
  });
});

describe('which product, when the message names it only loosely', () => {
  it.each([
    ['这台设备今年5月买的，主板坏了', 'standard-service'],
    ['今年5月买的存储，背板坏了', 'standard-service'],
    ['这台设备是融科的服务器，主板坏了', 'rongke-server'],
  ])('when the message says "%s", then the policy is %s', (text, policy) => {
    expect(facts(text).policy).toBe(policy);
  });
});

describe('precautions and what others said are not causes', () => {
  it.each(['怕返潮进水，特意把服务器放在机柜最上面', '你们工程师说得拆开机箱才能换'])('when "%s", then no cause is read', (text) => {
    expect(facts(`融科服务器内存坏了 ${text}`).cause).toBeUndefined();
  });
});
