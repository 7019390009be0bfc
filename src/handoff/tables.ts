import type { ColumnType } from 'kysely';

/** Handoff state per conversation (migrations 101, 251). */
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
  /** When the customer's last chat stream closed; null while connected (migration 251). */
  customer_gone_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the queue marked the customer away (migration 251). */
  away_at: ColumnType<string | null, string | null | undefined, string | null>;
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
