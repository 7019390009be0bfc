import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import type { AgentService } from '../agents/AgentService.js';
import type { EventBus } from '../directline/eventBus.js';
import type { Policy } from '../knowledge/types.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { createAdminRouter } from './adminRouter.js';
import { AdminStats } from './adminStats.js';
import { ChangePreviewer, type PreviewLanguage } from './changePreview.js';
import { LocalDays } from './localDays.js';
import type { ReviewStore } from './reviewStore.js';
import { TurnOutcomeLog } from './turnOutcomes.js';
import { UnansweredInbox, type KnowledgeTarget } from './unansweredInbox.js';

/** The bus topic that says "the reviewed knowledge changed: reload it from the store". */
export const KNOWLEDGE_CHANGED = 'admin/knowledge-changed';

export interface AdminDeps {
  database: DatabaseHandle;
  agents: Pick<AgentService, 'authenticate'>;
  reviews: ReviewStore;
  target: KnowledgeTarget;
  /** Where a change's effect is previewed; absent when the language services are swapped (tests). */
  preview?: { language: PreviewLanguage; evalFiles: readonly string[]; knowledgeDir: string };
  bus: EventBus;
  policies: readonly Policy[];
  tzOffsetMinutes: number;
  onError: (error: unknown) => void;
}

/** The support lead's console: reports, the unanswered inbox, and the per-turn outcome log the reports read. */
export interface Admin {
  router: Router;
  outcomes: TurnOutcomeLog;
  inbox: UnansweredInbox;
  close(): void;
}

/**
 * Builds the console and subscribes to knowledge changes from other instances (PostgreSQL
 * NOTIFY through the bus); this instance's own announcements are skipped, it applied them already.
 */
export function createAdmin(deps: AdminDeps): Admin {
  const instance = randomUUID();
  const previewer = deps.preview && new ChangePreviewer(deps.preview.language, deps.preview);
  const inbox = new UnansweredInbox(
    deps.reviews,
    deps.target,
    () => deps.bus.publish(KNOWLEDGE_CHANGED, { from: instance }),
    previewer,
  );
  const unsubscribe = deps.bus.subscribe(KNOWLEDGE_CHANGED, (payload) => {
    if (typeof payload === 'object' && payload !== null && 'from' in payload && payload.from === instance) return;
    inbox.reload().catch(deps.onError);
  });
  const stats = new AdminStats(deps.database.db, new LocalDays(deps.tzOffsetMinutes));
  const policies = deps.policies.map((p) => ({ id: p.meta.id, title: p.meta.title }));
  const outcomes = new TurnOutcomeLog(deps.database.db, policies);
  return {
    router: createAdminRouter({ agents: deps.agents, stats, inbox, policies }),
    outcomes,
    inbox,
    close: unsubscribe,
  };
}
