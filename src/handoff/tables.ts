/** Handoff state per conversation (migration 101). */
export type HandoffSessionsTable = {
  conversation_id: string;
  /** bot | queued | agent | resolved */
  state: string;
  ticket_number: string | null;
  reason: string | null;
  agent_login: string | null;
  queued_at: string | null;
  accepted_at: string | null;
  resolved_at: string | null;
  /** 1 after a resolve until the customer rates (or moves on). */
  awaiting_rating: number;
  updated_at: string;
};

/** Agents with a live console, refreshed by heartbeat; "online" = seen recently. */
export type AgentPresenceTable = {
  login: string;
  last_seen: string;
};

export type HandoffTables = {
  handoff_sessions: HandoffSessionsTable;
  agent_presence: AgentPresenceTable;
};
