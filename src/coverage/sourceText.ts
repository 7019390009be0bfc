import { normalizeText } from '../text/normalize.js';

/**
 * A customer's message normalised for matching, with a way back to the words as typed:
 * facts keep the span they came from, so decisions can quote the customer.
 */
export interface SourceText {
  /** The original message. */
  raw: string;
  /** normalizeText(raw): what the extractors match on. */
  text: string;
  /** The customer's words behind text[start, end), with their offsets in raw. */
  span(start: number, end: number): { text: string; start: number; end: number };
}

/**
 * Normalises per character and records where each output character came from. When the
 * per-character result differs from normalising the whole text (a phrase conversion), spans
 * fall back to the normalised text itself rather than to wrong offsets.
 */
export function sourceText(raw: string): SourceText {
  const text = normalizeText(raw);
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const code = raw.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(code);
    const piece = /\s/u.test(ch.normalize('NFKC')) ? ' ' : normalizeText(ch);
    // Runs of spaces collapse to one, and none lead: the same as normalizeText.
    const spaceRun = piece === ' ' && (out === '' || out.endsWith(' '));
    if (!spaceRun) {
      for (const c of piece) {
        out += c;
        origin.push(i);
      }
    }
    i += ch.length;
  }
  while (out.endsWith(' ')) {
    out = out.slice(0, -1);
    origin.pop();
  }
  const aligned = out === text;
  return {
    raw,
    text,
    span(start, end) {
      if (!aligned || end <= start) return { text: text.slice(start, end), start, end };
      const from = origin[start] ?? 0;
      const last = origin[end - 1] ?? from;
      const to = last + (String.fromCodePoint(raw.codePointAt(last) ?? 0).length || 1);
      return { text: raw.slice(from, to), start: from, end: to };
    },
  };
}
