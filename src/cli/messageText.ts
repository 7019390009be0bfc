import { notParsed, parsed, type ParseResult } from '../errors.js';
import { findTextProblem, isInvisibleText, type TextProblem } from '../text/inputText.js';

/** Longest customer message the CLI accepts, in characters. */
export const MAX_MESSAGE_CHARS = 2000;

// English, because CLI operators read them; the checks themselves are the shared ones.
const reasons: Record<TextProblem, string> = {
  lone_surrogate: 'text contains malformed Unicode (unpaired surrogate)',
  control_char: 'text contains control characters',
};

/** Checks one customer message: non-empty, not overlong, well-formed visible Unicode. Reasons are in English (CLI operators read them). */
export function checkMessageText(text: string): ParseResult<string> {
  const length = [...text].length;
  if (length > MAX_MESSAGE_CHARS) return notParsed(`text too long: ${length} characters (max ${MAX_MESSAGE_CHARS})`);
  const problem = findTextProblem(text);
  if (problem) return notParsed(reasons[problem]);
  if (isInvisibleText(text)) return notParsed('text is empty or invisible');
  return parsed(text);
}
