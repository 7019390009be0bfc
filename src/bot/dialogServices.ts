import type { AppConfig } from '../config.js';
import { todayIso } from '../coverage/isoDate.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { loadDomain } from '../loadDomain.js';
import type { IntentMatcher } from '../nlu/types.js';
import { loadDialogKnowledge, type DialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { noHandoff, type CoverageAdvisor, type HandoffRequester, type LookupLimits, type TicketDesk } from '../../dialogs/dependencies.js';

/** Services a caller (tests, Direct Line) may replace; everything else is built from config. */
export interface DialogServiceOverrides {
  knowledge?: KnowledgeBase;
  matcher?: IntentMatcher;
  coverage?: CoverageAdvisor;
  handoff?: HandoffRequester;
  now?: () => Date;
}

export interface DialogServices {
  knowledge: KnowledgeBase;
  matcher: IntentMatcher;
  coverage: CoverageAdvisor;
  handoff: HandoffRequester;
  texts: DialogKnowledge;
  today: () => string;
  localTime: (iso: string) => string;
  tickets: TicketDesk;
  lookupLimits: LookupLimits;
}

/** Builds the knowledge base, matcher, coverage engine (one domain load) and dialog data. */
export function createDialogServices(config: AppConfig, tickets: TicketDesk, lookupLimits: LookupLimits, overrides: DialogServiceOverrides = {}): DialogServices {
  const dir = config.KNOWLEDGE_DIR;
  // Tests that swap all three language services skip loading the real ones.
  const domain = overrides.knowledge && overrides.matcher && overrides.coverage ? undefined : loadDomain(dir);
  const knowledge = overrides.knowledge ?? domain?.knowledge;
  const matcher = overrides.matcher ?? domain?.matcher;
  const coverage = overrides.coverage ?? domain?.coverage;
  if (!knowledge || !matcher || !coverage) throw new Error('dialog services: the domain failed to load');
  const now = overrides.now ?? (() => new Date());
  const offsetMs = config.TZ_OFFSET_MINUTES * 60_000;
  return {
    knowledge,
    matcher,
    coverage,
    handoff: overrides.handoff ?? noHandoff,
    texts: loadDialogKnowledge(dir),
    today: () => todayIso(config.TZ_OFFSET_MINUTES, now()),
    // Customers read times in the service desk's zone (TZ_OFFSET_MINUTES), not UTC.
    localTime: (iso) => new Date(Date.parse(iso) + offsetMs).toISOString().slice(0, 16).replace('T', ' '),
    tickets,
    lookupLimits,
  };
}
