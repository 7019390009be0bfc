import { createSegmenter, type Segmenter } from '../text/segment.js';
import { loadAnswerTemplates } from './answerTemplates.js';
import { loadAnswerTypes } from './answerTypes.js';
import { composeAnswer, type AnswerContext } from './composeAnswer.js';
import { loadDurationExpander } from './expandDurations.js';
import { loadPolicies } from './loadPolicies.js';
import { ClauseRanker, type QueryExpander } from './rankClauses.js';
import type { Citation, Clause, KnowledgeAnswer, KnowledgeBase, Policy, PolicyId, RankedClause } from './types.js';

export interface KnowledgeBaseOptions {
  /** Reuse a segmenter already built (the matcher needs one too). */
  segmenter?: Segmenter;
  /** Extra query words, e.g. a city's service-area class from the place resolver. */
  expanders?: QueryExpander[];
}

/** Loads the policies from knowledgeDir and builds the ranked, citing knowledge base. */
export function createKnowledgeBase(knowledgeDir = 'knowledge', options: KnowledgeBaseOptions = {}): KnowledgeBase {
  const policies = loadPolicies(knowledgeDir);
  const byId = new Map<PolicyId, Policy>(policies.map((p) => [p.meta.id, p]));
  const segmenter = options.segmenter ?? createSegmenter(knowledgeDir);
  const clauses = policies.flatMap((p) => p.clauses);
  const answerTypes = loadAnswerTypes(knowledgeDir);
  const expanders = [loadDurationExpander(knowledgeDir), answerTypes.expander, ...(options.expanders ?? [])];
  const ranker = new ClauseRanker(clauses, new Map(policies.map((p) => [p.meta.id, p.meta.title])), segmenter, expanders, answerTypes.boost);

  const cite = (clause: Clause): Citation => ({ policy: clause.policy, section: clause.section.join(' › '), quote: clause.text });
  const ctx: AnswerContext = { ranker, templates: loadAnswerTemplates(knowledgeDir), policies: byId, cite };

  return {
    rank: (question, opts = {}): RankedClause[] => ranker.rank(question, opts),
    answer: (question, opts = {}): KnowledgeAnswer =>
      composeAnswer(ctx, question, ranker.rank(question, { policy: opts.policy, limit: 20 }), Boolean(opts.policy)),
    policies: () => policies,
    findClause: (policy, sectionPrefix, containing) =>
      byId
        .get(policy)
        ?.clauses.find((c) => sectionPrefix.every((s, i) => c.section[i] === s) && (!containing || c.text.includes(containing))),
    cite,
  };
}
