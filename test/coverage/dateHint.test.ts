import { describe, expect, it } from 'vitest';
import { extractDates, mayHoldDate } from '../../src/coverage/extractDates.js';

describe('which messages need the date recognizer', () => {
  it.each(['服务器保修几年', '硬盘坏了是换新还是修', '发票丢了还能保修吗', '热插拔电源坏了'])('when the message %s names no date, then the recognizer is skipped', (text) => {
    expect(mayHoldDate(text)).toBe(false);
    expect(extractDates(text, '2025-06-15')).toEqual([]);
  });

  it.each([
    ['2024年5月买的', '2024-05-01'],
    ['上个月买的', '2025-05-01'],
    ['国庆节那天到的货', '2024-10-01'],
    ['昨天买的', '2025-06-14'],
  ])('when the message %s names a date, then it is read (%s)', (text, earliest) => {
    expect(mayHoldDate(text)).toBe(true);
    expect(extractDates(text, '2025-06-15')[0]?.earliest).toBe(earliest);
  });
});
