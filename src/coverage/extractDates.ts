import { createRequire } from 'node:module';
import type * as Recognizers from '@microsoft/recognizers-text-suite';
import { z } from 'zod';
import { addDays, addMonths } from './isoDate.js';

/** A date found in text: a day, or a range when only the month or year was given. */
export interface FoundDate {
  text: string;
  start: number;
  end: number;
  earliest: string;
  latest: string;
}

// The recognizers are 3.8 MB of CommonJS: required (not imported, which would also lex the whole
// file for its export names) on the first date to read, not at start-up.
const require = createRequire(import.meta.url);
let recognizers: typeof Recognizers | undefined;
// eslint-disable-next-line @typescript-eslint/no-unsafe-return -- createRequire's require is untyped; the module's type comes from the `import type` above
const loadRecognizers = (): typeof Recognizers => (recognizers ??= require('@microsoft/recognizers-text-suite'));

const valueSchema = z.object({
  type: z.string(),
  value: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
});
const resolutionSchema = z.object({ values: z.array(valueSchema) });

const digits: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUM = '[0-9一二两三四五六七八九十]+';

/** Small Chinese or Arabic numbers: 3, 三, 十, 十二, 二十. */
function toNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? (digits[m[1]] ?? 0) : 1) * 10 + (m[2] ? (digits[m[2]] ?? 0) : 0);
  return s.length === 1 ? digits[s] : undefined;
}

type Unit = '年' | '月' | '周' | '天';

/** today minus an amount of a unit; fractions of months count as days. */
function back(today: string, amount: number, unit: Unit): string {
  if (unit === '年') return addMonths(today, -Math.round(amount * 12));
  if (unit === '月') return addDays(addMonths(today, -Math.floor(amount)), -Math.round((amount % 1) * 30));
  return addDays(today, -Math.round(amount * (unit === '周' ? 7 : 1)));
}

function unitOf(s: string): Unit {
  return s.startsWith('年') ? '年' : s.includes('月') ? '月' : s === '周' || s === '星期' ? '周' : '天';
}

// The recognizer resolves 半年前 to today and 一年半前 to one year ago; both are read here.
const agoRe = new RegExp(`(?:(${NUM})(年|个月)半|半(年|个月)|(${NUM})(个)?(年|月|周|星期|天))(多)?(?:以前|之前|前)`, 'g');
// "买了半年", "用了两年多": time since purchase, which the recognizer reads as a bare duration.
const sinceRe = new RegExp(`(?:买|购买|购入|入手|采购|用)了?(?:有|快|将近|差不多|大概|约)?(?:(${NUM})(年|个月)半|半(年|个月)|(${NUM})(个)?(年|月|周|星期|天))(多)?`, 'g');

function relativeSpans(text: string, today: string, re: RegExp): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(re)) {
    const [, halfN, halfUnit, halfOnly, n, , unitText, more] = m;
    let amount: number | undefined;
    let unit: Unit;
    if (halfN && halfUnit) {
      amount = (toNumber(halfN) ?? NaN) + 0.5;
      unit = unitOf(halfUnit);
    } else if (halfOnly) {
      amount = 0.5;
      unit = unitOf(halfOnly);
    } else {
      amount = toNumber(n ?? '');
      unit = unitOf(unitText ?? '天');
    }
    if (amount === undefined || !Number.isFinite(amount)) continue;
    // "两年多" lies between two and three years back.
    const latest = back(today, amount, unit);
    const earliest = more ? back(today, Math.floor(amount) + 1, unit) : latest;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, earliest, latest });
  }
  return out;
}

const yearOffsets: Record<string, number> = { 大前年: 3, 前年: 2, 去年: 1, 今年: 0 };

/** The year a word names: 2024年, 去年, 前年 … */
function yearOf(word: string, explicit: string | undefined, today: string): number {
  return explicit ? Number(explicit) : Number(today.slice(0, 4)) - (yearOffsets[word] ?? 0);
}

// "去年下半年", "2023年上半年", "前年年中", "今年开春", "上上个月": ranges the recognizer reads as a whole year or a month too late.
const partsOfYear: Record<string, [string, string]> = {
  上半年: ['01-01', '06-30'],
  下半年: ['07-01', '12-31'],
  年中: ['06-01', '07-31'],
  // Spring as customers mean it (开春): February to April.
  开春: ['02-01', '04-30'],
  春天: ['02-01', '04-30'],
  春季: ['02-01', '04-30'],
};
const partOfYearRe = new RegExp(`(大前年|前年|去年|今年|(\\d{4})年)(${Object.keys(partsOfYear).join('|')})`, 'g');
const monthBeforeLastRe = /上上个?月/g;

function partOfYearSpans(text: string, today: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(partOfYearRe)) {
    const [whole, word = '', explicit, part] = m;
    const y = yearOf(word, explicit, today);
    const [from, to] = partsOfYear[part ?? ''] ?? ['01-01', '12-31'];
    const latest = `${y}-${to}` < today ? `${y}-${to}` : today;
    out.push({ text: whole, start: m.index, end: m.index + whole.length, earliest: `${y}-${from}`, latest });
  }
  for (const m of text.matchAll(monthBeforeLastRe)) {
    const first = `${addMonths(today, -2).slice(0, 7)}-01`;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, earliest: first, latest: addDays(addMonths(first, 1), -1) });
  }
  return out;
}

/** Text rewritten for the recognizer, with each output character's index in the original. */
interface Rewritten {
  text: string;
  origin: number[];
}

// Shopping days said by name ("去年双十一买的") are dates the recognizer does not know.
const namedDays: Record<string, string> = { 双十一: '11月11日', 双11: '11月11日', 双十二: '12月12日', 双12: '12月12日' };

/**
 * Forms the recognizer does not read, as the same date written 年月日: "8/15/2026" (month first,
 * as an American order is dated), "2025.3.7", and a two-digit year ("24年8月").
 */
function writtenOut(whole: string, today: string): string | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(whole);
  if (us) return Number(us[1]) <= 12 ? `${us[3]}年${us[1]}月${us[2]}日` : undefined;
  const dotted = /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/.exec(whole);
  if (dotted) return `${dotted[1]}年${dotted[2]}月${dotted[3]}日`;
  const short = /^(\d{2})年$/.exec(whole);
  const century = today.slice(0, 2);
  if (short && `${century}${short[1]}` <= today.slice(0, 4)) return `${century}${short[1]}年`;
  return undefined;
}

// 前年6月 and 大前年 are misread by the recognizer; explicit years are not. 年底 / 年初 become months;
// 同年 is the year said last.
function rewriteYears(text: string, today: string): Rewritten {
  let out = '';
  const origin: number[] = [];
  const re =
    /(?<![\d./])(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{4}\.\d{1,2}\.\d{1,2}|\d{2}年(?=\d{1,2}月))(?![\d./])|(同年|大前年|前年|去年|今年|(\d{4})年)(年?(?:底|末|初))?|(双十一|双11|双十二|双12)/g;
  let last = 0;
  let lastYear: number | undefined;
  for (const m of text.matchAll(re)) {
    const [whole, word = '', explicit, edge, named] = m;
    const spelled = word || named ? undefined : writtenOut(whole, today);
    if (!word && !named && spelled === undefined) continue;
    const y = word === '同年' ? lastYear : yearOf(word, explicit, today);
    if (word === '同年' && y === undefined) continue;
    if (word) lastYear = y;
    else if (spelled) lastYear = Number(spelled.slice(0, 4));
    const replacement =
      spelled ?? (named ? (namedDays[named] ?? named) : `${y}年${edge ? (edge.endsWith('初') ? '1月' : '12月') : ''}`);
    for (let i = last; i < m.index; i++) {
      out += text[i];
      origin.push(i);
    }
    for (let i = 0; i < replacement.length; i++) origin.push(m.index + Math.min(i, whole.length - 1));
    out += replacement;
    last = m.index + whole.length;
  }
  for (let i = last; i < text.length; i++) {
    out += text[i];
    origin.push(i);
  }
  origin.push(text.length);
  return { text: out, origin };
}

/**
 * Whether the recognizer could find a date in the text: a number (digits or Chinese numerals,
 * which 去年/今年 have become by now), or a word for a day, week, month or holiday relative to
 * now. Most messages have none ("保修几年", "硬盘坏了换新吗"); they skip the recognizer, whose
 * first use costs 0.4 s and 50 MB and every later one a few ms.
 */
const DATE_HINT = new RegExp(
  [
    '[0-9〇零一二两三四五六七八九十百千]',
    '[今昨明前后][天晚早儿]|大[前后]天|[上下本这今明去前][个]?(?:周|星期|礼拜|月|年)|上上|下下',
    '(?:年|月)(?:初|底|末|中)|[上下]半年|周[日天末]|星期[日天]|礼拜[日天]',
    '当天|当日|次日|隔天|那天|同一天|[前这近]几|过去|最近|近期|刚才|刚刚|刚买|上次|现在|马上|目前|此刻|立即|立刻|眼下|[春夏秋冬][天季]',
    '节|除夕|春节|中秋|元宵|端午|重阳|新年|元旦|平安夜|圣诞|国庆|清明',
  ].join('|'),
);

/** True when the text may hold a date for the recognizer to read. */
export function mayHoldDate(text: string): boolean {
  return DATE_HINT.test(text);
}

function toLocalDate(iso: string): Date {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/**
 * The recognizer, one clause at a time (offsets into the whole text): across clauses it may
 * merge two dates into one it cannot resolve ("今年元旦前两周主板烧了 2025年8月买的" gave none).
 */
function recognizeByClause(text: string, reference: Date): { start: number; end: number; resolution: unknown }[] {
  const out: { start: number; end: number; resolution: unknown }[] = [];
  const { recognizeDateTime, Culture } = loadRecognizers();
  for (const m of text.matchAll(/[^，。,;；!！?？\s]+/gu)) {
    for (const r of recognizeDateTime(m[0], Culture.Chinese, undefined, reference)) {
      out.push({ start: m.index + r.start, end: m.index + r.end, resolution: r.resolution });
    }
  }
  return out;
}

/**
 * Finds dates in Chinese text relative to `today` (YYYY-MM-DD) with the Microsoft recognizer
 * (zh-cn): 2024年5月, 去年3月, 三个月前, 上个月15号; 半年前, 一年半前, 买了两年多 and
 * 前年6月 are read or rewritten here because the recognizer gets them wrong.
 * When a date could be this year's or next year's (3月, 5月1号), the past one is taken;
 * ranges are cut at today. Dates that can only be in the future are dropped.
 */
export function extractDates(text: string, today: string): FoundDate[] {
  const source = text.normalize('NFKC');
  const own = [...partOfYearSpans(source, today), ...relativeSpans(source, today, agoRe), ...relativeSpans(source, today, sinceRe)];
  // Blank out what was read here so the recognizer does not read it a second, wrong way.
  let masked = source;
  for (const h of own) masked = masked.slice(0, h.start) + ' '.repeat(h.end - h.start) + masked.slice(h.end);
  const rewritten = rewriteYears(masked, today);
  const found: FoundDate[] = [...own];
  if (!mayHoldDate(rewritten.text)) return found.sort((a, b) => a.start - b.start);
  for (const r of recognizeByClause(rewritten.text, toLocalDate(today))) {
    const res = resolutionSchema.safeParse(r.resolution);
    if (!res.success) continue;
    const candidates: { earliest: string; latest: string }[] = [];
    for (const v of res.data.values) {
      if ((v.type === 'date' || v.type === 'datetime') && v.value) {
        const day = v.value.slice(0, 10);
        candidates.push({ earliest: day, latest: day });
      } else if ((v.type === 'daterange' || v.type === 'datetimerange') && v.start) {
        const last = v.end ? addDays(v.end.slice(0, 10), -1) : today;
        candidates.push({ earliest: v.start.slice(0, 10), latest: last < today ? last : today });
      }
    }
    const past = candidates.filter((c) => c.earliest <= today).sort((a, b) => (a.earliest < b.earliest ? 1 : -1))[0];
    if (!past || !/^\d{4}-\d{2}-\d{2}$/.test(past.earliest)) continue;
    const start = rewritten.origin[r.start] ?? r.start;
    const end = (rewritten.origin[r.end] ?? r.end) + 1;
    found.push({ text: source.slice(start, end), start, end, ...past });
  }
  return found.sort((a, b) => a.start - b.start);
}
