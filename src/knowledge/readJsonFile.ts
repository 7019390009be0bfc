import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Reads and checks one JSON data file of knowledge/. A file that is not JSON, or that the schema
 * refuses, is AppError('bad_document') whose message names the file and each bad field, and whose
 * details carry the file and the first bad field; the start-up fails with it.
 */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('bad_document', `${file}: not readable JSON (${e instanceof Error ? e.message : String(e)})`, { file });
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const where = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.') || '(file)';
  const issues = result.error.issues.map((i) => `${where(i)}: ${i.message}`).join('; ');
  const first = result.error.issues[0];
  throw new AppError('bad_document', `${file}: ${issues}`, { file, field: first ? where(first) : undefined });
}
