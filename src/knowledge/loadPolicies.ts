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
  const policies = policyFolderIds(knowledgeDir).map((id) => {
    const file = join(policyFolder(knowledgeDir, id), POLICY_DOCUMENT);
    const policy = parsePolicy(file, readFileSync(file, 'utf8'));
    if (policy.meta.id !== id) throw new AppError('bad_document', `${file}:2: id ${policy.meta.id} differs from its folder ${id}`, { file, line: 2, field: 'id' });
    return policy;
  });
  checkFallback(
    knowledgeDir,
    policies.map((p) => p.meta),
  );
  return policies;
}

/** Every policy folder's front matter (id, title, names) without parsing the clauses. */
export function loadPolicyMetas(knowledgeDir: string): PolicyMeta[] {
  const metas = policyFolderIds(knowledgeDir).map((id) => {
    const file = join(policyFolder(knowledgeDir, id), POLICY_DOCUMENT);
    return parseFrontMatter(file, readFileSync(file, 'utf8').split(/\r?\n/)).meta;
  });
  checkFallback(knowledgeDir, metas);
  return metas;
}

/**
 * With several policies exactly one is the fallback (`fallback: yes`): a ticket whose customer
 * never named the product needs a policy, and folder order must not be what picks it.
 */
function checkFallback(knowledgeDir: string, metas: readonly PolicyMeta[]): void {
  const marked = metas.filter((m) => m.fallback).map((m) => m.id);
  if (marked.length > 1 || (marked.length === 0 && metas.length > 1)) {
    const id = marked[1] ?? metas[0]?.id ?? '';
    const file = join(policyFolder(knowledgeDir, id), POLICY_DOCUMENT);
    const problem = marked.length > 1 ? `only one may be the fallback (${marked.join(', ')})` : 'one policy must say "fallback: yes"';
    throw new AppError('bad_document', `${file}: fallback: ${problem}`, { file, field: 'fallback' });
  }
}

/**
 * The policy a ticket is filed under when the customer never says which product: the one marked
 * `fallback: yes`, or the only policy there is (checkFallback makes sure there is one).
 */
export function fallbackPolicy(metas: readonly PolicyMeta[]): PolicyMeta | undefined {
  return metas.find((m) => m.fallback) ?? (metas.length === 1 ? metas[0] : undefined);
}
