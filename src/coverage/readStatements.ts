import { escapeRegExp } from '../text/escapeRegExp.js';
import { normalizeText } from '../text/normalize.js';
import type { PolicyId } from '../knowledge/types.js';
import type { QuestionsFile } from './loadCoverageData.js';

/** A statement found in normalised text: what it says, and where. */
export interface Statement<T> {
  value: T;
  start: number;
  end: number;
}

const clauseBreak = /[，。,;；!！?？\n\s]/u;

/** The stretch between two `breaks` characters that holds position `at`. */
export function stretchAt(text: string, at: number, breaks: RegExp): { start: number; end: number } {
  let start = at;
  while (start > 0 && !breaks.test(text[start - 1] ?? '')) start--;
  let end = at;
  while (end < text.length && !breaks.test(text[end] ?? '')) end++;
  return { start, end };
}

/** The clause (between punctuation or spaces) that holds position `at`. */
const clauseAt = (text: string, at: number) => stretchAt(text, at, clauseBreak);

/**
 * Whether the customer has an invoice: false for "发票早就找不着了", "没开发票", "票没开"; true for
 * an invoice spoken of plainly ("发票日期…", "有发票"). Questions ("有没有发票") say nothing.
 */
export function readInvoice(text: string, q: QuestionsFile['invoice']): Statement<boolean> | undefined {
  let present: Statement<boolean> | undefined;
  const words = [...q.words].sort((a, b) => b.length - a.length);
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const clause = clauseAt(text, at);
      const before = text.slice(clause.start, at);
      const after = text.slice(at + word.length, clause.end);
      if (q.unsure.some((u) => text.slice(clause.start, clause.end).includes(u))) continue;
      const denial = q.absentBefore.filter((w) => new RegExp(`${escapeRegExp(w)}(?:开|开过|开具|给|拿到|要)?的?$`, 'u').test(before));
      const lost = q.absentAfter.find((w) => after.includes(w));
      if (denial.length > 0) {
        const longest = Math.max(...denial.map((w) => w.length));
        const start = before.lastIndexOf(denial.find((w) => w.length === longest) ?? '');
        return { value: false, start: clause.start + Math.max(0, start), end: at + word.length };
      }
      if (lost) return { value: false, start: at, end: at + word.length + after.indexOf(lost) + lost.length };
      present ??= { value: true, start: at, end: at + word.length };
    }
  }
  return present;
}


/**
 * The product named in the text: the first policy keyword not denied. A denied one ("不是融科那个
 * 牌子") rules its policy out; when that leaves a single policy, the customer named it by elimination.
 */
export function readPolicy(
  text: string,
  keywords: { policy: PolicyId; keywords: string[] }[],
  negators: string[],
): Statement<PolicyId> | undefined {
  const denied = new Map<PolicyId, Statement<PolicyId>>();
  const named: Statement<PolicyId>[] = [];
  for (const { policy, keywords: words } of keywords) {
    for (const raw of words) {
      const k = normalizeText(raw);
      for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + 1)) {
        const before = text.slice(Math.max(0, at - 8), at);
        const negator = negators.find((n) => new RegExp(`${escapeRegExp(n)}(?:你们|咱们|贵司|你家|你们家)?的?$`, 'u').test(before));
        if (negator) {
          const start = at - (before.length - before.lastIndexOf(negator));
          if (!denied.has(policy)) denied.set(policy, { value: policy, start, end: clauseAt(text, at).end });
        } else named.push({ value: policy, start: at, end: at + k.length });
      }
    }
  }
  const first = named.filter((n) => !denied.has(n.value)).sort((a, b) => a.start - b.start)[0];
  if (first) return first;
  const remaining = keywords.map((k) => k.policy).filter((p) => !denied.has(p));
  const [only] = remaining;
  const denial = [...denied.values()][0];
  return remaining.length === 1 && only && denial ? { ...denial, value: only } : undefined;
}

const countRe = /([0-9一二两三四五六七八九十]+)(?:次|回|遍)/gu;
const smallNumbers: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "修了三回", "返修过2次": how often the part was repaired, when a repair word precedes the count. */
export function readRepairCount(text: string, repairWords: string[]): Statement<number> | undefined {
  for (const m of text.matchAll(countRe)) {
    const from = Math.max(0, m.index - 8);
    const before = text.slice(from, m.index);
    const word = repairWords.find((k) => before.includes(k)) ?? (before.includes('修') ? '修' : undefined);
    if (!word) continue;
    const n = m[1] && /^\d+$/.test(m[1]) ? Number(m[1]) : smallNumbers[m[1] ?? ''];
    if (n !== undefined) return { value: n, start: from + before.lastIndexOf(word), end: m.index + m[0].length };
  }
  return undefined;
}
