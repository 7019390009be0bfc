import type { QueryExpander } from '../knowledge/rankClauses.js';
import type { CoverageData } from './loadCoverageData.js';
import type { PlaceResolver } from './places.js';

/**
 * Lets the knowledge base answer "在武汉上门要多久": a place named in the question adds the
 * words of its on-site service tier (the row label and quote of the matching rule), so the
 * right row of the response-time table ranks first instead of all four rows tying.
 */
export function createPlaceQueryExpander(data: CoverageData, places: PlaceResolver): QueryExpander {
  const wordsByTier = new Map<string, string[]>();
  for (const set of data.rules.values()) {
    for (const rule of set.rules) {
      if (rule.kind !== 'onsiteTime') continue;
      const label = rule.source.section.length > 1 ? rule.source.section.at(-1) : undefined;
      wordsByTier.set(rule.tier, [label, rule.source.quote].filter((w): w is string => Boolean(w)));
    }
  }
  return (question) => {
    const tier = places.find(question)?.tier;
    return tier ? (wordsByTier.get(tier) ?? []) : [];
  };
}
