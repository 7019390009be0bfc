import { describe, expect, it } from 'vitest';
import type { CoverageInput } from '../../src/coverage/types.js';
import { realEngine } from './engineFixture.js';

const decide = (input: Partial<CoverageInput>) =>
  realEngine().decide({ policy: 'standard-service', part: '内存', today: '2025-03-31', ...input });

describe('standard-service replacement within 90 days', () => {
  it('when the fault comes on day 90 after purchase and the unit left the factory recently, then it is replaced free', () => {
    const d = decide({ purchaseDate: '2024-12-31', factoryDate: '2024-11-15' });
    expect(d.covered).toBe(true);
    expect(d.remedy).toBe('replace');
    expect(d.service).toEqual(['ship_replacement']);
  });

  it('when the fault comes on day 91, then it is repaired', () => {
    const d = decide({ purchaseDate: '2024-12-30', factoryDate: '2024-11-15' });
    expect(d.covered).toBe(true);
    expect(d.remedy).toBe('repair');
    expect(d.service).toEqual(['send_in']);
  });

  it('when shipped exactly nine months ago, then replacement is still allowed', () => {
    expect(decide({ purchaseDate: '2025-03-01', factoryDate: '2024-06-15', today: '2025-03-15' }).remedy).toBe('replace');
  });

  it('when shipped nine months and one day ago, then it is repaired instead', () => {
    const d = decide({ purchaseDate: '2025-03-01', factoryDate: '2024-06-14', today: '2025-03-15' });
    expect(d.remedy).toBe('repair');
    expect(d.covered).toBe(true);
  });

  it('when within 90 days but the factory date is unknown, then it asks for it', () => {
    const d = decide({ purchaseDate: '2025-03-01' });
    expect(d.covered).toBe(true);
    expect(d.remedy).toBe('ask');
    expect(realEngine().missingFacts({ policy: 'standard-service', part: '内存', purchaseDate: '2025-03-01' }, '2025-03-31').map((m) => m.field)).toContain('factoryDate');
  });

  it('when the purchase date is unknown, then coverage is unknown', () => {
    const d = decide({});
    expect(d.covered).toBeNull();
    expect(d.remedy).toBe('ask');
  });
});

describe('standard-service repeated repairs', () => {
  it('when main hardware was repaired twice in a year and still fails, then it is replaced (两次以上 includes two)', () => {
    const d = decide({ part: '主板', purchaseDate: '2024-06-01', repairsInLastYear: 2 });
    expect(d.remedy).toBe('replace');
  });

  it('when main hardware was repaired once, then it is repaired again', () => {
    expect(decide({ part: '主板', purchaseDate: '2024-06-01', repairsInLastYear: 1 }).remedy).toBe('repair');
  });

  it('when a part that is not main hardware was repaired three times, then the replacement rule does not apply', () => {
    expect(decide({ part: '网卡', purchaseDate: '2024-06-01', repairsInLastYear: 3 }).remedy).toBe('repair');
  });
});

describe('standard-service period and exclusions', () => {
  it('when long after purchase, then the decision names no end date and says the policy states none', () => {
    const d = decide({ purchaseDate: '2021-01-01' });
    expect(d.warrantyEnd).toBeNull();
    expect(d.warrantyStart).toBe('2021-01-01');
    expect(d.reasons.join('')).toContain('没有写明保修');
    expect(d.citations.some((c) => c.quote.includes('超出维保周期的设备'))).toBe(true);
  });

  it.each(['网线', '电源线'])('when the %s that came with the device fails, then it is not covered', (part) => {
    const d = decide({ part, purchaseDate: '2025-03-01' });
    expect(d.covered).toBe(false);
    expect(d.remedy).toBe('not_covered');
  });

  it('when the power supply (not its cord) fails, then it is covered', () => {
    expect(decide({ part: '电源', purchaseDate: '2025-03-01', factoryDate: '2025-01-01' }).covered).toBe(true);
  });

  it.each([
    ['插到了380V的电上', '输入不合适的电压'],
    ['自己拆开清灰', '未经授权的情况下对设备进行拆解'],
    ['台风把机房淹了', '自然灾害'],
    ['UPS坏了导致电压异常', 'UPS'],
    ['运输途中磕碰', '磕碰'],
  ])('when the cause is "%s", then free service is refused and paid repair offered', (cause, quoted) => {
    const d = decide({ purchaseDate: '2025-03-01', factoryDate: '2025-02-01', cause });
    expect(d.covered).toBe(false);
    expect(d.remedy).toBe('paid');
    expect(d.citations.some((c) => c.quote.includes(quoted))).toBe(true);
  });

  it('when the cause is one the standard policy does not address (a virus), then it is left to a person', () => {
    const d = decide({ purchaseDate: '2025-03-01', cause: '中了勒索病毒' });
    expect(d.covered).toBeNull();
    expect(d.remedy).toBe('ask');
  });
});

describe('standard-service ship date estimate', () => {
  it('when only the delivery date is known, then it stands in for the ship date and the reasons say so', () => {
    const d = decide({ purchaseDate: '2025-03-01', deliveryDate: '2025-03-03' });
    expect(d.remedy).toBe('replace');
    expect(d.reasons.join('')).toContain('按交付日期');
  });
});
