import type { AppConfig } from '../config.js';
import { createCoverageEngine } from '../coverage/createCoverageEngine.js';
import { todayIso } from '../coverage/isoDate.js';
import { createKnowledgeBase } from '../knowledge/createKnowledgeBase.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { createIntentMatcher } from '../nlu/createIntentMatcher.js';
import type { IntentMatcher } from '../nlu/types.js';
import { createSegmenter } from '../text/segment.js';
import { loadDialogKnowledge, type DialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { noHandoff, type CoverageAdvisor, type HandoffRequester, type TicketDesk } from '../../dialogs/dependencies.js';

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
}

/** Builds the knowledge base, matcher (sharing one segmenter), coverage engine and dialog data. */
export function createDialogServices(config: AppConfig, tickets: TicketDesk, overrides: DialogServiceOverrides = {}): DialogServices {
  const dir = config.KNOWLEDGE_DIR;
  const needsSegmenter = !overrides.knowledge || !overrides.matcher;
  const segmenter = needsSegmenter ? createSegmenter(dir) : undefined;
  const knowledge = overrides.knowledge ?? createKnowledgeBase(dir, { segmenter });
  const now = overrides.now ?? (() => new Date());
  const offsetMs = config.TZ_OFFSET_MINUTES * 60_000;
  return {
    knowledge,
    matcher: overrides.matcher ?? createIntentMatcher(dir, { segmenter }),
    coverage: overrides.coverage ?? createCoverageEngine(dir, knowledge),
    handoff: overrides.handoff ?? noHandoff,
    texts: loadDialogKnowledge(dir),
    today: () => todayIso(config.TZ_OFFSET_MINUTES, now()),
    // Customers read times in the service desk's zone (TZ_OFFSET_MINUTES), not UTC.
    localTime: (iso) => new Date(Date.parse(iso) + offsetMs).toISOString().slice(0, 16).replace('T', ' '),
    tickets,
  };
}
