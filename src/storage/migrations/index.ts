import { turnOutcomesMigration, knowledgeReviewMigration } from '../../admin/migrations.js';
import { agentRolesMigration, agentSessionsMigration } from '../../agents/migrations.js';
import { attachmentsMigration } from '../../attachments/migrations.js';
import {
  directLineInboundTurnsMigration,
  directLineMigration,
  directLineTurnLeaseMigration,
} from '../../directline/migrations.js';
import { handoffMigration, handoffPresenceMigration } from '../../handoff/migrations.js';
import { rateLimitsMigration } from '../../limits/migrations.js';
import { noteVisibilityMigration, ticketIdempotencyMigration } from '../../tickets/migrations.js';
import { unansweredMigration } from '../../understanding/migrations.js';
import { botStateMigration } from './001_bot_state.js';
import { ticketsMigration } from './002_tickets.js';
import { agentsMigration } from './003_agents.js';
import { checkedMigrations, type Migration } from './registry.js';

/** The storage layer's own migrations (ids 1–99). */
export const coreMigrations: readonly Migration[] = [botStateMigration, ticketsMigration, agentsMigration];

/**
 * Every schema migration the application applies, in one explicit list (a capability's
 * migrations live beside its code; this is where they are put in order). A new table is a new
 * entry here with the next id.
 */
export const allMigrations: readonly Migration[] = checkedMigrations([
  ...coreMigrations,
  directLineMigration, // 100
  handoffMigration, // 101
  directLineTurnLeaseMigration, // 102
  ticketIdempotencyMigration, // 200
  agentSessionsMigration, // 201
  directLineInboundTurnsMigration, // 202
  rateLimitsMigration, // 203
  attachmentsMigration, // 220
  unansweredMigration, // 230
  agentRolesMigration, // 240
  turnOutcomesMigration, // 241
  knowledgeReviewMigration, // 242
  noteVisibilityMigration, // 250
  handoffPresenceMigration, // 251
]);

export type { Migration } from './registry.js';
