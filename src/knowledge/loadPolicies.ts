import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { parsePolicy } from './parsePolicy.js';
import type { Policy } from './types.js';

/** Loads every knowledge/policies/*.md; duplicate ids are refused. */
export function loadPolicies(knowledgeDir: string): Policy[] {
  const dir = join(knowledgeDir, 'policies');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const policies = files.map((f) => parsePolicy(join(dir, f), readFileSync(join(dir, f), 'utf8')));
  const ids = new Set<string>();
  for (const p of policies) {
    if (ids.has(p.meta.id)) throw new AppError('bad_document', `${p.file}:2: duplicate policy id ${p.meta.id}`, { file: p.file, line: 2 });
    ids.add(p.meta.id);
  }
  return policies;
}
