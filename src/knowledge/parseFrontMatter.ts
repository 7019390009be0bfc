import { AppError } from '../errors.js';
import { policyMetaSchema, type PolicyMeta } from './types.js';

export interface FrontMatter {
  meta: PolicyMeta;
  /** Index of the first body line (0-based). */
  bodyStart: number;
}

/** Reads the `---` delimited key: value block at the top of a policy file. */
export function parseFrontMatter(file: string, lines: string[]): FrontMatter {
  if (lines[0]?.trim() !== '---') {
    throw new AppError('bad_document', `${file}:1: a policy must start with front matter (---)`, { file, line: 1 });
  }
  const fields: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '---') {
      const parsed = policyMetaSchema.safeParse(fields);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue?.path[0] ?? '');
        const at = lines.findIndex((l) => l.startsWith(`${field}:`));
        const lineNo = at >= 0 ? at + 1 : i + 1;
        throw new AppError('bad_document', `${file}:${lineNo}: front matter field "${field}": ${issue?.message}`, { file, line: lineNo });
      }
      return { meta: parsed.data, bodyStart: i + 1 };
    }
    const m = /^([A-Za-z]+):\s*(.+)$/.exec(line);
    if (!m || m[1] === undefined || m[2] === undefined) {
      throw new AppError('bad_document', `${file}:${i + 1}: expected "key: value" in front matter`, { file, line: i + 1 });
    }
    fields[m[1]] = m[2].trim();
  }
  throw new AppError('bad_document', `${file}:1: front matter is never closed with ---`, { file, line: 1 });
}
