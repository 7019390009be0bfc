import { notParsed, parsed, type ParseResult } from '../errors.js';

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/**
 * Reads a 1–5 satisfaction rating from what a customer types: "5", "５分", "四星", "给3分".
 * Anything else (including several numbers) is not a rating.
 */
export function parseRating(text: string): ParseResult<number> {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  if (compact.length === 0 || compact.length > 12) return notParsed('not a short rating');
  const digits = [...compact.matchAll(/[0-9一二两三四五六七八九十]/g)].map((m) => m[0]);
  if (digits.length !== 1 || !digits[0]) return notParsed('expected exactly one number');
  const value = /\d/.test(digits[0]) ? Number(digits[0]) : (CHINESE_DIGITS[digits[0]] ?? 0);
  const rest = compact
    .replace(digits[0], '')
    .replace(/^(给|打|评)?/, '')
    .replace(/(分|星|颗星)?(吧|。|！|!|\.)?$/, '');
  if (rest.length > 0) return notParsed('extra words');
  return value >= 1 && value <= 5 ? parsed(value) : notParsed('out of range');
}
