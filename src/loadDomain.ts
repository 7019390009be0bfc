import { createCoverageEngine } from './coverage/createCoverageEngine.js';
import { loadCoverageData } from './coverage/loadCoverageData.js';
import { createPlaceQueryExpander } from './coverage/placeQueryExpander.js';
import { PlaceResolver } from './coverage/places.js';
import type { CoverageEngine } from './coverage/types.js';
import { createKnowledgeBase } from './knowledge/createKnowledgeBase.js';
import type { InspectableKnowledgeBase } from './knowledge/types.js';
import { createIntentMatcher } from './nlu/createIntentMatcher.js';
import type { IntentMatcher } from './nlu/types.js';
import { createSegmenter, type Segmenter } from './text/segment.js';
import type { UnderstandingServices } from './understanding/understandMessage.js';

/** The language and policy side of the product, built once from knowledge/. */
export interface Domain {
  segmenter: Segmenter;
  knowledge: InspectableKnowledgeBase;
  matcher: IntentMatcher;
  coverage: CoverageEngine;
  /** Matcher and knowledge base together, as the router and the CLI understand a message. */
  understanding: UnderstandingServices;
}

/**
 * Builds the knowledge base, intent matcher and coverage engine from one knowledge
 * directory, sharing the segmenter and the place index between them.
 */
export function loadDomain(knowledgeDir = 'knowledge'): Domain {
  const segmenter = createSegmenter(knowledgeDir);
  const data = loadCoverageData(knowledgeDir);
  const places = new PlaceResolver(data.places, data.divisions, segmenter);
  const knowledge = createKnowledgeBase(knowledgeDir, {
    segmenter,
    expanders: [createPlaceQueryExpander(data, places)],
    namedFacts: (question) => (places.find(question) ? ['place'] : []),
  });
  const matcher = createIntentMatcher(knowledgeDir, { segmenter, policyQuestions: knowledge.alternativeQuestions() });
  return {
    segmenter,
    knowledge,
    matcher,
    coverage: createCoverageEngine(knowledgeDir, knowledge, { data, places }),
    understanding: { matcher, knowledge, relevanceFloor: knowledge.decision().outOfScope, reviewBelow: knowledge.decision().review },
  };
}
