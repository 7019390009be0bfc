import * as OpenCC from 'opencc-js/t2cn';

/**
 * Traditional to simplified, character by character (phrase mode rewrites 序列 to 串行 and
 * 序列号): customers from HK/TW write 硬碟, 記憶體, 伺服器, 型號.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- opencc-js's .d.ts imports './core' without an extension, which NodeNext cannot resolve; the function is text → text
export const toSimplified: (text: string) => string = OpenCC.Converter({ from: 'tw', to: 'cn' });

// Zero-width and bidi control characters carry no meaning and break matching.
const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * Normalises customer or policy text for matching (never for display):
 * NFKC (full-width to half-width), traditional to simplified, lower-case Latin,
 * invisible characters removed and whitespace collapsed.
 */
export function normalizeText(input: string): string {
  const nfkc = input.normalize('NFKC').replace(invisible, '');
  return toSimplified(nfkc).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** True for a CJK ideograph. */
export function isCjk(ch: string): boolean {
  return /\p{Script=Han}/u.test(ch);
}

/** True when the token carries letters, digits or ideographs (not punctuation or space). */
export function isWordLike(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token);
}
