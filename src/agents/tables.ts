/** One agent login (migration 201); a token is valid only while its session is. */
export type AgentSessionsTable = {
  id: string;
  login: string;
  created_at: string;
  /** The server's own limit (AGENT_TOKEN_TTL_MINUTES after login), whatever a token claims. */
  expires_at: string;
  /** Set by logout, revocation or disabling the agent. */
  revoked_at: string | null;
};

/** The account's role (migration 240): 'agent' (default) or 'admin'. */
export type AgentRoleColumn = {
  role: import('kysely').Generated<string>;
};

export type AgentTables = {
  agent_sessions: AgentSessionsTable;
  agents: import('../storage/schema.js').AgentsTable & AgentRoleColumn;
};
