import type { AppConfig } from '../config.js';
import { todayIso } from '../coverage/isoDate.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { loadDomain, type Domain } from '../loadDomain.js';
import type { IntentMatcher } from '../nlu/types.js';
import { loadDialogKnowledge, type DialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import type { CoverageAdvisor, HandoffRequester, LookupLimits, TicketDesk } from '../../dialogs/dependencies.js';
import type { UnansweredLog } from '../understanding/unansweredLog.js';
import { understandMessage, type Understanding } from '../understanding/understandMessage.js';
import type { PolicyId } from '../knowledge/types.js';

/** Services a caller (tests) may replace; everything else is built from config. */
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
  understand: (text: string, policy?: PolicyId) => Understanding;
  unanswered: Pick<UnansweredLog, 'record'>;
  coverage: CoverageAdvisor;
  texts: DialogKnowledge;
  today: () => string;
  localTime: (iso: string) => string;
  tickets: TicketDesk;
  lookupLimits: LookupLimits;
}

/**
 * Builds the knowledge base, matcher, coverage engine (one domain load) and dialog data: what
 * the dialogs and the agents' console share. The handoff requester is not among them: it is
 * built from these (src/app.ts) and given to the dialogs beside them.
 */
export function createDialogServices(
  config: AppConfig,
  tickets: TicketDesk,
  stores: { unanswered: Pick<UnansweredLog, 'record'>; lookupLimits: LookupLimits },
  overrides: DialogServiceOverrides = {},
  language?: Pick<Domain, 'knowledge' | 'matcher' | 'coverage' | 'understanding'>,
): DialogServices {
  const { unanswered, lookupLimits } = stores;
  const dir = config.KNOWLEDGE_DIR;
  // Tests that swap all three language services skip loading the real ones; the app passes its live ones.
  const domain =
    overrides.knowledge && overrides.matcher && overrides.coverage ? undefined : (language ?? loadDomain(dir));
  const knowledge = overrides.knowledge ?? domain?.knowledge;
  const matcher = overrides.matcher ?? domain?.matcher;
  const coverage = overrides.coverage ?? domain?.coverage;
  if (!knowledge || !matcher || !coverage) throw new Error('dialog services: the domain failed to load');
  // Swapped-in services have no fitted relevance floor: they are taken at their word.
  const own = domain && !overrides.knowledge && !overrides.matcher ? domain.understanding : undefined;
  const thresholds = { relevanceFloor: own?.relevanceFloor ?? 0, reviewBelow: own?.reviewBelow ?? 0 };
  const now = overrides.now ?? (() => new Date());
  const offsetMs = config.TZ_OFFSET_MINUTES * 60_000;
  return {
    knowledge,
    matcher,
    understand: (text, policy) => understandMessage({ matcher, knowledge, ...thresholds }, text, policy),
    unanswered,
    coverage,
    texts: loadDialogKnowledge(dir),
    today: () => todayIso(config.TZ_OFFSET_MINUTES, now()),
    // Customers read times in the service desk's zone (TZ_OFFSET_MINUTES), not UTC.
    localTime: (iso) => new Date(Date.parse(iso) + offsetMs).toISOString().slice(0, 16).replace('T', ' '),
    tickets,
    lookupLimits,
  };
}
