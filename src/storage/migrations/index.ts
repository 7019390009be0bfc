import { loadMigrations, type Migration } from './registry.js';

/**
 * Every schema migration the application applies, in one explicit list, in the order they apply.
 * Each is a JSON document beside its capability's code (paths from src/; the format is in
 * ./document.ts). A new table is a new file here with the next id.
 */
export const MIGRATION_FILES = [
  'storage/migrations/001_bot_state.json',
  'storage/migrations/002_tickets.json',
  'storage/migrations/003_agents.json',
  'directline/migrations/100_directline.json',
  'handoff/migrations/101_handoff.json',
  'directline/migrations/102_directline_turn_lease.json',
  'tickets/migrations/200_ticket_idempotency_key.json',
  'agents/migrations/201_agent_sessions.json',
  'directline/migrations/202_directline_inbound_turns.json',
  'limits/migrations/203_rate_limits.json',
  'attachments/migrations/220_attachments.json',
  'understanding/migrations/230_unanswered_questions.json',
  'agents/migrations/240_agent_roles.json',
  'admin/migrations/241_turn_outcomes.json',
  'admin/migrations/242_knowledge_review.json',
  'tickets/migrations/250_note_visibility.json',
  'handoff/migrations/251_handoff_presence.json',
] as const;

/** The documents of MIGRATION_FILES, read and checked when the application loads. */
export const allMigrations: readonly Migration[] = loadMigrations(MIGRATION_FILES);

/** The storage layer's own migrations (ids 1–99). */
export const coreMigrations: readonly Migration[] = allMigrations.filter((m) => m.id < 100);

export type { Migration } from './registry.js';
