import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { parseFrontMatter } from './parseFrontMatter.js';
import { parsePolicy } from './parsePolicy.js';
import type { Policy, PolicyMeta } from './types.js';

/** The file that makes a folder under knowledge/policies/ a policy. */
export const POLICY_DOCUMENT = 'policy.md';

/** The folder of one policy: knowledge/policies/<id>/. */
export function policyFolder(knowledgeDir: string, id: string): string {
  return join(knowledgeDir, 'policies', id);
}

/** The ids of the policy folders (those holding a policy.md), sorted. */
export function policyFolderIds(knowledgeDir: string): string[] {
  const dir = join(knowledgeDir, 'policies');
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, POLICY_DOCUMENT)))
    .sort();
}

/**
 * Loads every knowledge/policies/<id>/policy.md. A policy is a folder: adding one is a data change.
 * The front matter's id must be the folder's name, so the id a file is reviewed under is the id it has.
 */
export function loadPolicies(knowledgeDir: string): Policy[] {
  return policyFolderIds(knowledgeDir).map((id) => {
    const file = join(policyFolder(knowledgeDir, id), POLICY_DOCUMENT);
    const policy = parsePolicy(file, readFileSync(file, 'utf8'));
    if (policy.meta.id !== id) throw new AppError('bad_document', `${file}:2: id ${policy.meta.id} differs from its folder ${id}`, { file, line: 2, field: 'id' });
    return policy;
  });
}

/** Every policy folder's front matter (id, title, names) without parsing the clauses. */
export function loadPolicyMetas(knowledgeDir: string): PolicyMeta[] {
  return policyFolderIds(knowledgeDir).map((id) => {
    const file = join(policyFolder(knowledgeDir, id), POLICY_DOCUMENT);
    return parseFrontMatter(file, readFileSync(file, 'utf8').split(/\r?\n/)).meta;
  });
}
