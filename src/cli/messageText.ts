import { notParsed, parsed, type ParseResult } from '../errors.js';

/** Longest customer message the CLI accepts, in characters. */
export const MAX_MESSAGE_CHARS = 2000;

// Lone surrogates come from broken encoders; they cannot be normalised or printed safely.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0/C1 controls other than tab and newline have no place in a chat message.
const controlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const invisibleOnly = /^[\s\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]*$/;

/** Checks one customer message: non-empty, not overlong, well-formed visible Unicode. Reasons are in English (CLI operators read them). */
export function checkMessageText(text: string): ParseResult<string> {
  const length = [...text].length;
  if (length > MAX_MESSAGE_CHARS) return notParsed(`text too long: ${length} characters (max ${MAX_MESSAGE_CHARS})`);
  if (loneSurrogate.test(text)) return notParsed('text contains malformed Unicode (unpaired surrogate)');
  if (controlChar.test(text)) return notParsed('text contains control characters');
  if (invisibleOnly.test(text)) return notParsed('text is empty or invisible');
  return parsed(text);
}
