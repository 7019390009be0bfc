import type { FoundDate } from './extractDates.js';
import type { QuestionsFile } from './loadCoverageData.js';
import { stretchAt, type Statement } from './readStatements.js';
import type { PartHistory } from './types.js';

const sentenceBreak = /[。；;！!？?\n]/u;

/** The sentence (between full stops) around position `at`. */
const sentenceAt = (text: string, at: number) => stretchAt(text, at, sentenceBreak);

const inSentence = (text: string, at: number): string => {
  const { start, end } = sentenceAt(text, at);
  return text.slice(start, end);
};

function firstOf(text: string, words: readonly string[]): { start: number; end: number } | undefined {
  let first: { start: number; end: number } | undefined;
  for (const word of words) {
    const at = text.indexOf(word);
    if (at >= 0 && (first === undefined || at < first.start)) first = { start: at, end: at + word.length };
  }
  return first;
}

/**
 * Where the failed part came from when the customer says it is not the original and when
 * ("今年9月20号…工程师来换了一根新的", "3月12号花钱找你们换的电源"): the replacement or
 * addition with its date, the date being the nearest one before the words in the same sentence
 * (else the nearest after) that no keyword made a purchase, factory or delivery date. Without
 * such a date nothing is read: the period depends on it.
 */
export function readPartHistory(
  text: string,
  found: readonly FoundDate[],
  q: QuestionsFile,
  keyworded: readonly { start: number; end: number }[],
): (Statement<PartHistory> & { date: FoundDate }) | undefined {
  const { replaced: replacedWords, added: addedWords, paid: paidWords, paidWith } = q.partHistory;
  const paid = firstOf(text, paidWords);
  const paidReplacement = paid && paidWith.some((w) => inSentence(text, paid.start).includes(w)) ? paid : undefined;
  const candidates = [
    { kind: 'replaced_under_warranty' as const, at: firstOf(text, replacedWords) },
    { kind: 'added' as const, at: firstOf(text, addedWords) },
    { kind: 'paid_replacement' as const, at: paidReplacement },
  ].flatMap(({ kind, at }) => (at ? [{ kind, ...at }] : []));
  const word = candidates.sort((a, b) => a.start - b.start)[0];
  if (!word) return undefined;
  const sentence = sentenceAt(text, word.start);
  const free = found.filter(
    (d) => d.start >= sentence.start && d.end <= sentence.end && !keyworded.some((k) => k.start < d.end && d.start < k.end),
  );
  const date = free.filter((d) => d.end <= word.start).at(-1) ?? free.find((d) => d.start >= word.end);
  if (!date) return undefined;
  // A replacement the customer paid for says so somewhere in its sentence.
  const paidFor =
    word.kind === 'replaced_under_warranty' &&
    paidReplacement !== undefined &&
    sentenceAt(text, paidReplacement.start).start === sentence.start;
  const kind: PartHistory['kind'] = paidFor ? 'paid_replacement' : word.kind;
  return {
    value: { kind, date: date.earliest },
    start: Math.min(date.start, word.start),
    end: Math.max(date.end, word.end),
    date,
  };
}
