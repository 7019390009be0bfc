import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { readJsonFile } from '../knowledge/readJsonFile.js';

const focusFileSchema = z.object({ leading: z.array(z.string().min(1)), trailing: z.array(z.string().min(1)) });

/** Removes what surrounds a question without being its topic ("不是要报修 就问问…", "…真的假的"). */
export type QuestionFocus = (normalized: string) => string;

const MAX_PASSES = 6;

/** Builds the focus from knowledge/text/focus.json (patterns over normalised text). */
export function loadQuestionFocus(knowledgeDir: string): QuestionFocus {
  const file = join(knowledgeDir, 'text', 'focus.json');
  const data = readJsonFile(file, focusFileSchema);
  const compile = (source: string, flags: string) => {
    try {
      return new RegExp(source, flags);
    } catch (err) {
      throw new AppError(
        'bad_document',
        `${file}: bad pattern ${source}: ${err instanceof Error ? err.message : String(err)}`,
        { file },
      );
    }
  };
  // A leading phrase counts at the start of the message or of a sentence inside it.
  const leading = data.leading.map((p) => compile(`(^|[,，。！？!?；;\\s])(?:${p})`, 'gu'));
  const trailing = data.trailing.map((p) => compile(`(?:${p})$`, 'u'));
  return (normalized) => {
    let text = normalized;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = text;
      for (const re of leading) text = text.replace(re, '$1');
      for (const re of trailing) text = text.replace(re, '');
      text = text.trim();
      if (text === before) break;
    }
    // Never strip a message down to nothing: then it was all it said.
    return text || normalized;
  };
}
