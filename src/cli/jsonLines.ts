import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { notParsed, parsed, type ParseResult } from '../errors.js';
import { checkMessageText } from './messageText.js';

/** Raw lines longer than this are refused before JSON parsing. */
export const MAX_LINE_CHARS = 20_000;

export const idSchema = z.union([z.string().min(1).max(200), z.number().finite()]);
export type ItemId = z.infer<typeof idSchema>;

/** Yields the non-blank lines of a stream with their 1-based line numbers. */
export async function* readLines(input: Readable): AsyncGenerator<{ line: string; lineNo: number }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim()) yield { line, lineNo };
  }
}

/** A failed line keeps whatever id could be recovered so the caller can report it. */
export type LineResult<T> = ParseResult<T> & { id: ItemId | null };

/** Parses one JSON line against a schema whose objects carry an id and a text. */
export function parseJsonLine<T extends { id: ItemId; text: string }>(
  line: string,
  lineNo: number,
  schema: z.ZodType<T>,
): LineResult<T> {
  if (line.length > MAX_LINE_CHARS)
    return { ...notParsed(`line ${lineNo}: too long (${line.length} characters, max ${MAX_LINE_CHARS})`), id: null };
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ...notParsed(`line ${lineNo}: not valid JSON`), id: null };
  }
  const idOnly = z.object({ id: idSchema }).safeParse(raw);
  const id = idOnly.success ? idOnly.data.id : null;
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
    return { ...notParsed(`line ${lineNo}: ${issues}`), id };
  }
  const text = checkMessageText(result.data.text);
  if (!text.ok) return { ...notParsed(`line ${lineNo}: ${text.reason}`), id };
  return { ...parsed(result.data), id };
}
