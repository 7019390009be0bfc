import { toSimplified } from '../../src/text/normalize.js';
import { escapeRegExp } from '../../src/text/escapeRegExp.js';

const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// Full-width letters, digits and the few symbols codes use; CJK punctuation stays for display.
const fullWidth = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0D\uFF0B\uFF0F\u3000]/g;

/** Text as the customer typed it, in simplified characters, with full-width letters/digits made ASCII and invisible characters gone. */
export function cleanInput(text: string): string {
  const ascii = text.replace(fullWidth, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
  return toSimplified(ascii.replace(invisible, '')).trim();
}

/** Escapes a word for use inside a regular expression (one definition, in src/text). */
export { escapeRegExp };

/** Alternatives, longest first, as a regular-expression group body. */
export function anyOf(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}
