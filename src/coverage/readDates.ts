import { extractDates, type FoundDate } from './extractDates.js';
import type { QuestionsFile } from './loadCoverageData.js';
import type { DateSpan } from './types.js';

type DateField = DateSpan['field'];

/** A date read from text and what it is: the purchase (invoice), factory or delivery date. */
export interface ReadDate extends FoundDate {
  field: DateField;
  /** True when no keyword named it: it is the one date left over, taken as `loneDate`. */
  lone: boolean;
}

const clauseBreak = /[，。,;；!！?？\n]/u;
const dateFields: readonly DateField[] = ['purchaseDate', 'factoryDate', 'deliveryDate'];

interface Piece {
  start: number;
  end: number;
}

/** Pieces of text between punctuation, and within them the space-separated chunks customers type. */
function pieces(text: string, separator: RegExp): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || separator.test(text[i] ?? '')) {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

const around = (list: Piece[], at: number) => list.find((p) => p.start <= at && at < p.end);

/** Keyword occurrences in text[from, to), each with the field it names. */
function keywordsIn(text: string, from: number, to: number, q: QuestionsFile): { field: DateField; start: number; end: number }[] {
  const found: { field: DateField; start: number; end: number }[] = [];
  for (const field of dateFields) {
    for (const k of q.dateKeywords[field]) {
      for (let at = text.indexOf(k, from); at >= 0 && at + k.length <= to; at = text.indexOf(k, at + 1)) {
        found.push({ field, start: at, end: at + k.length });
      }
    }
  }
  return found;
}

/** Characters between two stretches of text (0 when they touch or overlap). */
const distanceTo = (k: Piece, d: Piece) => (k.start >= d.end ? k.start - d.end : Math.max(0, d.start - k.end));

function nearest(keys: { field: DateField; start: number; end: number }[], date: Piece): DateField | undefined {
  return [...keys].sort((a, b) => distanceTo(a, date) - distanceTo(b, date))[0]?.field;
}

/**
 * Which date each date in the text is. A keyword in the same chunk decides ("去年11月3号开的票",
 * "出厂2025年10月15日"); otherwise a keyword chunk of its own next to it in the clause
 * ("发票 2024-03-05"); a date whose words say the fault began then ("前天开始报警") is none.
 * A lone date without any keyword is `loneDate` (null: left unread).
 *
 * Returns what each date is (`read`) and every date found (`found`), so that other readers of the
 * same text need not run the recognizer again.
 */
export function readDates(
  text: string,
  today: string,
  q: QuestionsFile,
  loneDate: DateField | null,
): { read: ReadDate[]; found: FoundDate[] } {
  // "现在又不行了" names the present, never a purchase.
  const dates = extractDates(text, today).filter((d) => !q.nowWords.includes(d.text));
  const clauses = pieces(text, clauseBreak);
  const chunks = pieces(text, /[\s，。,;；!！?？\n]/u);
  const hasDate = (p: Piece) => dates.some((d) => d.start < p.end && d.end > p.start);
  const read: ReadDate[] = [];
  const unassigned: FoundDate[] = [];
  for (const d of dates) {
    const chunk = around(chunks, d.start) ?? { start: d.start, end: d.end };
    const clause = around(clauses, d.start) ?? chunk;
    // "今天看铭牌写着2017年6月生产": a keyword names the date nearest to it, not every date beside it.
    const inChunk = dates.filter((o) => o.start < chunk.end && o.end > chunk.start);
    const own = keywordsIn(text, chunk.start, chunk.end, q).filter((k) => nearestDate(inChunk, k) === d);
    // Keywords in chunks that carry no date of their own label the date beside them.
    const labels = keywordsIn(text, clause.start, clause.end, q).filter((k) => {
      const c = around(chunks, k.start);
      return c !== undefined && c !== chunk && !hasDate(c);
    });
    const field = nearest(own, d) ?? nearest(labels, d);
    if (field) read.push({ ...d, field, lone: false });
    else if (!startsFault(text.slice(d.end, d.end + 6), q.faultOnsetWords)) unassigned.push(d);
  }
  inheritYears(read, dates);
  readSameDays(text, dates, chunks, q, read);
  // A lone date without a keyword is most often the purchase ("2024年5月的机器"), or the date asked for.
  const lone = unassigned[0];
  if (lone && loneDate && unassigned.length === 1 && !read.some((r) => r.field === loneDate)) read.push({ ...lone, field: loneDate, lone: true });
  return { read: read.sort((a, b) => a.start - b.start), found: dates };
}

/** "今年10月20号到货，当天开的票": 当天 is the date before it, for the keyword beside it. */
function readSameDays(text: string, dates: readonly FoundDate[], chunks: Piece[], q: QuestionsFile, read: ReadDate[]): void {
  for (const word of q.sameDayWords) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const before = dates.filter((d) => d.end <= at).at(-1);
      const chunk = around(chunks, at);
      if (!before || !chunk) continue;
      const field = nearest(keywordsIn(text, chunk.start, chunk.end, q), { start: at, end: at + word.length });
      if (!field || read.some((r) => r.field === field)) continue;
      read.push({ ...before, text: word, start: at, end: at + word.length, field, lone: false });
    }
  }
}

function nearestDate(dates: readonly FoundDate[], keyword: Piece): FoundDate | undefined {
  return [...dates].sort((a, b) => distanceTo(keyword, a) - distanceTo(keyword, b))[0];
}

const yearless = /^[^年]*\d{1,2}月\d{1,2}[日号]?$|^[^年]*[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]$/u;

/**
 * "发票2025年9月2日开的，铭牌出厂8月20日": a day said without its year beside a date of the
 * machine's with one is of that year, not of this one (the recognizer takes the latest past one).
 */
function inheritYears(read: ReadDate[], dates: readonly FoundDate[]): void {
  const withYear = dates.find((d) => /\d{4}/.test(d.text));
  if (!withYear) return;
  const year = withYear.earliest.slice(0, 4);
  for (const r of read) {
    if (!yearless.test(r.text)) continue;
    r.earliest = `${year}${r.earliest.slice(4)}`;
    r.latest = `${year}${r.latest.slice(4)}`;
  }
}

/** True when the words right after a date say the fault began then ("前天开始一直报警"). */
function startsFault(after: string, onsetWords: string[]): boolean {
  const clause = after.split(/[，,。；;！!？?]/u)[0] ?? '';
  return onsetWords.some((w) => clause.includes(w));
}
