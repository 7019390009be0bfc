import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCoverageDeps, createCoverageEngine, type CoverageDeps } from '../../src/coverage/createCoverageEngine.js';
import type { CoverageEngine } from '../../src/coverage/types.js';
import { createKnowledgeBase } from '../../src/knowledge/createKnowledgeBase.js';
import type { KnowledgeBase, PolicyId } from '../../src/knowledge/types.js';

export const knowledgeDir = 'knowledge';

let kb: KnowledgeBase | undefined;
let engine: CoverageEngine | undefined;
let deps: CoverageDeps | undefined;

/** The real knowledge base, built once per test file. */
export function realKb(): KnowledgeBase {
  kb ??= createKnowledgeBase(knowledgeDir);
  return kb;
}

/** The real engine over the real knowledge base and rules. */
export function realEngine(): CoverageEngine {
  engine ??= createCoverageEngine(knowledgeDir, realKb());
  return engine;
}

export function realDeps(): CoverageDeps {
  deps ??= buildCoverageDeps(knowledgeDir, realKb());
  return deps;
}

/** The policy Markdown as stored, to check quotes are verbatim. */
export function policyMarkdown(policy: PolicyId): string {
  return readFileSync(join(knowledgeDir, 'policies', policy, 'policy.md'), 'utf8');
}
