import { join } from 'node:path';
import { z } from 'zod';
import { normalizeText } from '../text/normalize.js';
import type { QueryExpander } from './rankClauses.js';
import { readJsonFile } from './readJsonFile.js';

const durationRulesSchema = z.object({
  purchaseWords: z.array(z.string().min(1)),
  rules: z.array(z.object({ minDays: z.number().optional(), maxDays: z.number().optional(), add: z.array(z.string()) })),
});

const numerals: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 几: 3 };
const unitDays: Record<string, number> = { 天: 1, 日: 1, 周: 7, 星期: 7, 礼拜: 7, 月: 30, 年: 365 };

function numberValue(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  // 十二 = 12, 二十 = 20, 三 = 3
  const m = /^([一两二三四五六七八九几]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m) return undefined;
  const [, tens = '', ten = '', ones = ''] = m;
  if (ten) return (tens ? numerals[tens] ?? 1 : 1) * 10 + (ones ? numerals[ones] ?? 0 : 0);
  return numerals[tens] ?? undefined;
}

/** The first duration named in the text, in days ("半年" → 182, "3个月" → 90), if any. */
export function durationDays(text: string): number | undefined {
  const t = normalizeText(text);
  if (/一年半/.test(t)) return 547;
  if (/半年/.test(t)) return 182;
  const m = /(\d+|[一两二三四五六七八九十几]+)\s*个?(月|星期|礼拜|天|日|周|年)/.exec(t);
  if (!m || !m[1] || !m[2]) return undefined;
  const n = numberValue(m[1]);
  const unit = unitDays[m[2]];
  return n !== undefined && unit !== undefined ? n * unit : undefined;
}

/** Builds the expander that maps "买了半年" onto the policy's 90-day wording. */
export function loadDurationExpander(knowledgeDir: string): QueryExpander {
  const data = readJsonFile(join(knowledgeDir, 'text', 'durations.json'), durationRulesSchema);
  return (question) => {
    const t = normalizeText(question);
    if (!data.purchaseWords.some((w) => t.includes(w))) return [];
    const days = durationDays(t);
    if (days === undefined) return [];
    return data.rules
      .filter((r) => (r.minDays === undefined || days >= r.minDays) && (r.maxDays === undefined || days <= r.maxDays))
      .flatMap((r) => r.add);
  };
}
