import { createCoverageEngine } from './coverage/createCoverageEngine.js';
import { loadCoverageData } from './coverage/loadCoverageData.js';
import { createPlaceQueryExpander } from './coverage/placeQueryExpander.js';
import { PlaceResolver } from './coverage/places.js';
import type { CoverageEngine } from './coverage/types.js';
import { createKnowledgeBase } from './knowledge/createKnowledgeBase.js';
import type { AlternativeSource } from './knowledge/loadAlternatives.js';
import type { InspectableKnowledgeBase } from './knowledge/types.js';
import { createIntentMatcher } from './nlu/createIntentMatcher.js';
import type { IntentMatcher } from './nlu/types.js';
import { createSegmenter, type Segmenter } from './text/segment.js';
import type { TextSnapshot } from './text/textSnapshot.js';
import type { UnderstandingServices } from './understanding/understandMessage.js';

/** The language and policy side of the product, built once from knowledge/. */
export interface Domain {
  segmenter: Segmenter;
  knowledge: InspectableKnowledgeBase;
  matcher: IntentMatcher;
  coverage: CoverageEngine;
  /** Matcher and knowledge base together, as the router and the CLI understand a message. */
  understanding: UnderstandingServices;
  /** A new knowledge base and matcher with other reviewed additions (same segmenter and places). */
  rebuild(reviewed: ReviewedKnowledge): LanguagePair;
}

/** The two language services the lead's additions change. */
export interface LanguagePair {
  knowledge: InspectableKnowledgeBase;
  matcher: IntentMatcher;
}

/** What the support lead added in the store: alternative wordings of clauses, out-of-scope examples. */
export interface ReviewedKnowledge {
  alternatives: AlternativeSource[];
  outOfScope: string[];
  /** Synonym groups, the policy's word first: [["电源", "psu"]]. */
  synonyms: string[][];
}

const NOTHING_REVIEWED: ReviewedKnowledge = { alternatives: [], outOfScope: [], synonyms: [] };

/**
 * Builds the knowledge base, intent matcher and coverage engine from one knowledge
 * directory, sharing the segmenter and the place index between them. A text snapshot made for
 * this directory and these reviewed synonyms saves reading its texts again (the caller releases it).
 */
export function loadDomain(
  knowledgeDir = 'knowledge',
  reviewed: ReviewedKnowledge = NOTHING_REVIEWED,
  snapshot?: TextSnapshot,
): Domain {
  const segmenter = createSegmenter(knowledgeDir, reviewed.synonyms, snapshot);
  const data = loadCoverageData(knowledgeDir);
  const places = new PlaceResolver(data.places, data.divisions, segmenter);
  const rebuild = (extra: ReviewedKnowledge): LanguagePair => {
    // New synonyms need a segmenter of their own (the places keep theirs: synonyms name no place).
    const sameSynonyms = JSON.stringify(extra.synonyms) === JSON.stringify(reviewed.synonyms);
    const words = sameSynonyms ? segmenter : createSegmenter(knowledgeDir, extra.synonyms);
    const built = createKnowledgeBase(knowledgeDir, {
      segmenter: words,
      expanders: [createPlaceQueryExpander(data, places)],
      namedFacts: (question) => (places.find(question) ? ['place'] : []),
      alternatives: extra.alternatives,
    });
    return {
      knowledge: built,
      matcher: createIntentMatcher(knowledgeDir, {
        segmenter: words,
        policyQuestions: built.alternativeQuestions(),
        outOfScopeExamples: extra.outOfScope,
      }),
    };
  };
  const { knowledge, matcher } = rebuild(reviewed);
  return {
    segmenter,
    knowledge,
    matcher,
    rebuild,
    coverage: createCoverageEngine(knowledgeDir, knowledge, { data, places, segmenter }),
    understanding: {
      matcher,
      knowledge,
      relevanceFloor: knowledge.decision().outOfScope,
      reviewBelow: knowledge.decision().review,
    },
  };
}
