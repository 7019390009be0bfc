import { describe, expect, it } from 'vitest';
import { LocalDays } from '../../src/admin/localDays.js';

describe('the desk’s calendar days', () => {
  it('when it is past midnight at the desk (UTC+8) but still the evening before in UTC, then the desk’s today ends the period', () => {
    const days = new LocalDays(480);
    expect(days.lastDays(7, new Date('2026-12-01T16:30:00Z'))).toEqual({ from: '2026-11-26', to: '2026-12-02' });
  });

  it('when one day is asked for, then it is today alone', () => {
    expect(new LocalDays(0).lastDays(1, new Date('2026-03-01T00:00:00Z'))).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
  });
});
