import type { CoverageEngine } from '../coverage/types.js';
import type { InspectableKnowledgeBase } from '../knowledge/types.js';
import type { Domain, LanguagePair, ReviewedKnowledge } from '../loadDomain.js';
import type { IntentMatcher } from '../nlu/types.js';
import type { UnderstandingServices } from './understandMessage.js';

/**
 * The knowledge base and intent matcher as the bot uses them, replaceable while it runs: when
 * the support lead links a question to a clause or marks one out of scope, `apply` builds new
 * ones and every later message uses them, with no restart. The objects handed out delegate to
 * the current pair, so the dialogs and the web channel keep the references they were built with.
 */
export class LiveLanguage {
  private pair: LanguagePair;
  readonly knowledge: InspectableKnowledgeBase;
  readonly matcher: IntentMatcher;
  readonly coverage: CoverageEngine;
  readonly understanding: UnderstandingServices;

  constructor(private readonly domain: Domain) {
    this.pair = { knowledge: domain.knowledge, matcher: domain.matcher };
    const kb = () => this.pair.knowledge;
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
    this.matcher = { match: (text) => this.pair.matcher.match(text) };
    this.coverage = domain.coverage;
    const { relevanceFloor, reviewBelow } = domain.understanding;
    this.understanding = { matcher: this.matcher, knowledge: this.knowledge, relevanceFloor, reviewBelow };
  }

  /**
   * A knowledge base and matcher with these additions, not yet in use. A wording whose clause
   * no policy has throws AppError('bad_document').
   */
  build(reviewed: ReviewedKnowledge): LanguagePair {
    return this.domain.rebuild(reviewed);
  }

  /** Every later message is understood with this pair. */
  use(pair: LanguagePair): void {
    this.pair = pair;
  }

  /** The pair in use. */
  current(): LanguagePair {
    return this.pair;
  }

  /** How the bot understands messages with this pair (the current one by default), thresholds unchanged. */
  understandingWith(pair: LanguagePair = this.pair): UnderstandingServices {
    return { ...this.understanding, ...pair };
  }
}
