import { describe, expect, it } from 'vitest';
import { extractDates } from '../../src/coverage/extractDates.js';

const today = '2025-09-10';
const one = (text: string) => {
  const found = extractDates(text, today);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('dates from Chinese text, relative to today (2025-09-10)', () => {
  it('when a year and month are given, then the whole month is the range', () => {
    expect(one('机器是2023年11月采购的')).toMatchObject({ earliest: '2023-11-01', latest: '2023-11-30' });
  });

  it('when 去年 and a month are given, then it is that month last year', () => {
    expect(one('去年7月装的')).toMatchObject({ earliest: '2024-07-01', latest: '2024-07-31' });
  });

  it('when N months ago is given, then it counts back from today', () => {
    expect(one('大概四个月前买的')).toMatchObject({ earliest: '2025-05-10', latest: '2025-05-10' });
  });

  it('when 上个月 with a day is given, then it is that day of last month', () => {
    expect(one('上个月3号到的货')).toMatchObject({ earliest: '2025-08-03', latest: '2025-08-03' });
  });

  it('when 半年前 is given, then it is six months back (the recognizer alone says today)', () => {
    expect(one('半年前买的')).toMatchObject({ earliest: '2025-03-10', latest: '2025-03-10' });
  });

  it('when 一年半前 is given, then it is eighteen months back', () => {
    expect(one('一年半前入手')).toMatchObject({ earliest: '2024-03-10' });
  });

  it('when a month without a year is later than this month, then last year is meant', () => {
    expect(one('12月份买的')).toMatchObject({ earliest: '2024-12-01', latest: '2024-12-31' });
  });

  it('when a day without a year is earlier this year, then this year is meant', () => {
    expect(one('3月8号开的票')).toMatchObject({ earliest: '2025-03-08' });
  });

  it('when the current month is named, then the range stops at today', () => {
    expect(one('这个月买的')).toMatchObject({ earliest: '2025-09-01', latest: today });
  });

  it('when a full date in digits is given, then it is read exactly', () => {
    expect(one('发票日期2024-02-29')).toMatchObject({ earliest: '2024-02-29', latest: '2024-02-29' });
  });

  it('when there is no date, then nothing is found', () => {
    expect(extractDates('风扇一直响，能修吗', today)).toEqual([]);
  });
});
