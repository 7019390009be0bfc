import { createCoverageEngine } from './coverage/createCoverageEngine.js';
import { loadCoverageData } from './coverage/loadCoverageData.js';
import { createPlaceQueryExpander } from './coverage/placeQueryExpander.js';
import { PlaceResolver } from './coverage/places.js';
import type { CoverageEngine } from './coverage/types.js';
import { createKnowledgeBase } from './knowledge/createKnowledgeBase.js';
import type { KnowledgeBase } from './knowledge/types.js';
import { createIntentMatcher } from './nlu/createIntentMatcher.js';
import type { IntentMatcher } from './nlu/types.js';
import { createSegmenter, type Segmenter } from './text/segment.js';

/** The language and policy side of the product, built once from knowledge/. */
export interface Domain {
  segmenter: Segmenter;
  knowledge: KnowledgeBase;
  matcher: IntentMatcher;
  coverage: CoverageEngine;
}

/**
 * Builds the knowledge base, intent matcher and coverage engine from one knowledge
 * directory, sharing the segmenter and the place index between them.
 */
export function loadDomain(knowledgeDir = 'knowledge'): Domain {
  const segmenter = createSegmenter(knowledgeDir);
  const data = loadCoverageData(knowledgeDir);
  const places = new PlaceResolver(data.places, data.divisions);
  const knowledge = createKnowledgeBase(knowledgeDir, { segmenter, expanders: [createPlaceQueryExpander(data, places)] });
  return {
    segmenter,
    knowledge,
    matcher: createIntentMatcher(knowledgeDir, { segmenter }),
    coverage: createCoverageEngine(knowledgeDir, knowledge, { data, places }),
  };
}
