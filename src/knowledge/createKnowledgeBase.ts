import { loadQuestionFocus } from '../text/focus.js';
import { createSegmenter, type Segmenter } from '../text/segment.js';
import { loadAnswerCards } from './answerCards.js';
import { loadAnswerDecision } from './answerDecision.js';
import { loadAnswerRules, type NamedFacts } from './answerRules.js';
import { loadAnswerTemplates } from './answerTemplates.js';
import { loadAnswerTypes } from './answerTypes.js';
import { createPolicyAttribution } from './attributePolicy.js';
import { createClauseLookup } from './clauseLookup.js';
import { answerSection, composeAnswer, inspectAnswer, type AnswerContext } from './composeAnswer.js';
import { loadDurationExpander } from './expandDurations.js';
import { readAlternativeSources, resolveAlternatives, type AlternativeSource } from './loadAlternatives.js';
import { loadPolicies } from './loadPolicies.js';
import { ClauseRanker, type QueryExpander } from './rankClauses.js';
import type { Citation, Clause, InspectableKnowledgeBase, Policy, PolicyId } from './types.js';

export interface KnowledgeBaseOptions {
  /** Reuse a segmenter already built (the matcher needs one too). */
  segmenter?: Segmenter;
  /** Extra query words, e.g. a city's service-area class from the place resolver. */
  expanders?: QueryExpander[];
  /** Alternative wordings from outside knowledge/ (the lead's reviewed questions in the store). */
  alternatives?: AlternativeSource[];
  /** Which kinds of fact a question names (e.g. "place"), for answers whose row depends on one. */
  namedFacts?: NamedFacts;
}

/** Loads the policies from knowledgeDir and builds the ranked, citing knowledge base. */
export function createKnowledgeBase(knowledgeDir = 'knowledge', options: KnowledgeBaseOptions = {}): InspectableKnowledgeBase {
  const policies = loadPolicies(knowledgeDir);
  const byId = new Map<PolicyId, Policy>(policies.map((p) => [p.meta.id, p]));
  const segmenter = options.segmenter ?? createSegmenter(knowledgeDir);
  const clauses = policies.flatMap((p) => p.clauses);
  const answerTypes = loadAnswerTypes(knowledgeDir);
  const expanders = [loadDurationExpander(knowledgeDir), answerTypes.expander, ...(options.expanders ?? [])];
  const lookup = createClauseLookup(clauses);
  const alternatives = resolveAlternatives([...readAlternativeSources(knowledgeDir, policies), ...(options.alternatives ?? [])], clauses, lookup);
  const titles = new Map(policies.map((p) => [p.meta.id, p.meta.title]));
  const ranker = new ClauseRanker({ clauses, titles, segmenter, expanders, answerType: answerTypes.boost, alternatives, focus: loadQuestionFocus(knowledgeDir) });

  const cite = (clause: Clause): Citation => ({ policy: clause.policy, section: clause.section.join(' › '), quote: clause.text });
  const attributePolicy = createPolicyAttribution(policies);
  const ctx: AnswerContext = {
    ranker,
    templates: loadAnswerTemplates(knowledgeDir),
    policies: byId,
    cite,
    decision: loadAnswerDecision(knowledgeDir),
    cards: loadAnswerCards(knowledgeDir, lookup),
    rules: loadAnswerRules(knowledgeDir, byId, lookup, options.namedFacts),
    attributePolicy,
  };

  return {
    rank: (question, opts = {}) => ranker.rank(question, opts),
    answer: (question, opts = {}) => composeAnswer(ctx, question, opts),
    decision: () => ({ answer: ctx.decision.answer, review: ctx.decision.review, outOfScope: ctx.decision.outOfScope }),
    inspect: (question, opts = {}, force = false) => inspectAnswer(ctx, question, opts, force),
    answerTopic: (topic) => answerSection(ctx, topic.policy, topic.section),
    attributePolicy,
    alternativeQuestions: () => alternatives.map((a) => a.question),
    policies: () => policies,
    findClause: (policy, sectionPrefix, containing) =>
      byId
        .get(policy)
        ?.clauses.find((c) => sectionPrefix.every((s, i) => c.section[i] === s) && (!containing || c.text.includes(containing))),
    cite,
  };
}
