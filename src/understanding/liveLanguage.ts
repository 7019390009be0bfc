import type { CoverageEngine } from '../coverage/types.js';
import type { InspectableKnowledgeBase } from '../knowledge/types.js';
import type { Domain, ReviewedKnowledge } from '../loadDomain.js';
import type { IntentMatcher } from '../nlu/types.js';
import type { UnderstandingServices } from './understandMessage.js';

/**
 * The knowledge base and intent matcher as the bot uses them, replaceable while it runs: when
 * the support lead links a question to a clause or marks one out of scope, `apply` builds new
 * ones and every later message uses them, with no restart. The objects handed out delegate to
 * the current pair, so the dialogs and the web channel keep the references they were built with.
 */
export class LiveLanguage {
  private current: { knowledge: InspectableKnowledgeBase; matcher: IntentMatcher };
  readonly knowledge: InspectableKnowledgeBase;
  readonly matcher: IntentMatcher;
  readonly coverage: CoverageEngine;
  readonly understanding: UnderstandingServices;

  constructor(private readonly domain: Domain) {
    this.current = { knowledge: domain.knowledge, matcher: domain.matcher };
    const kb = () => this.current.knowledge;
    this.knowledge = {
      rank: (question, options) => kb().rank(question, options),
      answer: (question, options) => kb().answer(question, options),
      answerTopic: (topic) => kb().answerTopic(topic),
      attributePolicy: (text) => kb().attributePolicy(text),
      alternativeQuestions: () => kb().alternativeQuestions(),
      policies: () => kb().policies(),
      findClause: (policy, sectionPrefix, containing) => kb().findClause(policy, sectionPrefix, containing),
      cite: (clause) => kb().cite(clause),
      decision: () => kb().decision(),
      inspect: (question, options, force) => kb().inspect(question, options, force),
    };
    this.matcher = { match: (text) => this.current.matcher.match(text) };
    this.coverage = domain.coverage;
    const { relevanceFloor, reviewBelow } = domain.understanding;
    this.understanding = { matcher: this.matcher, knowledge: this.knowledge, relevanceFloor, reviewBelow };
  }

  /**
   * Switches every later message to a knowledge base and matcher built with these additions. A
   * wording whose clause no policy has throws AppError('bad_document') and nothing changes.
   */
  apply(reviewed: ReviewedKnowledge): void {
    this.current = this.domain.rebuild(reviewed);
  }
}
