import type { Migration } from '../storage/migrations/registry.js';

/**
 * Agents' login sessions: every token names one, and the server checks it on every request,
 * so logging out, revoking an agent's logins and disabling an agent take effect at once.
 */
export const agentSessionsMigration: Migration = {
  id: 201,
  name: '201_agent_sessions',
  async up(db) {
    await db.schema
      .createTable('agent_sessions')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('login', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
      .addColumn('revoked_at', 'varchar(32)')
      .execute();
    await db.schema
      .createIndex('agent_sessions_login_idx')
      .on('agent_sessions')
      .columns(['login', 'expires_at'])
      .execute();
    await db.schema.alterTable('agents').addColumn('disabled_at', 'varchar(32)').execute();
  },
};

/** Roles: every existing account stays an agent; `cli agent add <login> --role admin` makes a lead. */
export const agentRolesMigration: Migration = {
  id: 240,
  name: '240_agent_roles',
  async up(db) {
    await db.schema
      .alterTable('agents')
      .addColumn('role', 'varchar(16)', (c) => c.notNull().defaultTo('agent'))
      .execute();
  },
};
