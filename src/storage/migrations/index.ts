import { botStateMigration } from './001_bot_state.js';
import { ticketsMigration } from './002_tickets.js';
import { agentsMigration } from './003_agents.js';
import { registerMigrations } from './registry.js';

/** The storage layer's own migrations (ids 1–99). */
export const coreMigrations = [botStateMigration, ticketsMigration, agentsMigration];
registerMigrations(...coreMigrations);

export { registerMigrations, registeredMigrations, type Migration } from './registry.js';
