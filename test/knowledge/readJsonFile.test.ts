import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/errors.js';
import { readJsonFile } from '../../src/knowledge/readJsonFile.js';

const schema = z.object({ groups: z.array(z.object({ words: z.array(z.string().min(1)) })) });
const file = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'json-')), 'data.json');
  writeFileSync(path, content);
  return path;
};
const failure = (path: string): AppError => {
  try {
    readJsonFile(path, schema);
  } catch (e) {
    if (e instanceof AppError) return e;
  }
  throw new Error('expected an AppError');
};

describe('reading a knowledge data file', () => {
  it('when the file is valid, then its data comes back checked', () => {
    expect(readJsonFile(file('{"groups":[{"words":["保修"]}]}'), schema).groups[0]?.words).toEqual(['保修']);
  });

  it('when a field is wrong, then the error names the file and the field', () => {
    const path = file('{"groups":[{"words":["保修", ""]}]}');
    const e = failure(path);
    expect(e.code).toBe('bad_document');
    expect(e.message).toContain(`${path}: groups.0.words.1:`);
    expect(e.details).toEqual({ file: path, field: 'groups.0.words.1' });
  });

  it('when the file is not JSON, then the error names the file', () => {
    const path = file('{"groups": [');
    expect(failure(path).message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not readable JSON`));
  });
});
