import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of every table the application owns. Timestamps are ISO-8601 strings and JSON is
 * stored as text, so both engines (SQLite and PostgreSQL) hold exactly the same values.
 * Engineers adding tables in later migrations extend `Database` with their own interface.
 */
/**
 * What the migration runner before issue 13 recorded (one row per applied id). Kept in such
 * stores and read only to bridge them to Kysely's Migrator (src/storage/migrator.ts).
 */
export interface SchemaMigrationsTable {
  id: number;
  name: string;
  applied_at: string;
}

export interface BotStateTable {
  key: string;
  /** The stored item without its eTag, as JSON. */
  doc: string;
  etag: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** Per-day sequences of the numbers before migration 200; no longer written. */
export interface TicketCountersTable {
  day: string;
  last_seq: number;
}

export interface TicketsTable {
  id: Generated<number>;
  number: string;
  policy: string;
  state: string;
  origin: string;
  /** ReportFields as JSON. */
  report: string;
  /** Coverage decision as JSON, or null before one exists. */
  coverage: string | null;
  conversation_id: string | null;
  /** Last four digits of the contact phone, for customers' look-ups. */
  phone_last4: string | null;
  rating: number | null;
  /** Lower-cased number + report values, for the agents' text search. */
  search_text: string;
  created_at: string;
  updated_at: string;
  /** What created it (src/tickets migration 200): a retried creation with this key finds this ticket. */
  idempotency_key: string | null;
}

export interface TicketTranscriptTable {
  id: Generated<number>;
  ticket_id: number;
  sender: string;
  text: string;
  at: string;
}

export interface TicketHistoryTable {
  id: Generated<number>;
  ticket_id: number;
  from_state: string | null;
  to_state: string;
  actor: string;
  note: string | null;
  at: string;
  /** Who may read the note: 'internal' (agents) or 'customer' (src/tickets migration 250). */
  note_visibility: ColumnType<string, string | undefined, string>;
}

export interface TicketCommentsTable {
  id: Generated<number>;
  ticket_id: number;
  author: string;
  text: string;
  at: string;
  /** 'internal' (agents only) or 'customer' (src/tickets migration 250). */
  visibility: ColumnType<string, string | undefined, string>;
}

export interface AgentsTable {
  id: Generated<number>;
  login: string;
  password_hash: string;
  created_at: ColumnType<string, string, never>;
  /** Set when the agent may no longer log in (src/agents migration 201). */
  disabled_at: string | null;
}

export interface Database {
  schema_migrations: SchemaMigrationsTable;
  bot_state: BotStateTable;
  settings: SettingsTable;
  ticket_counters: TicketCountersTable;
  tickets: TicketsTable;
  ticket_transcript: TicketTranscriptTable;
  ticket_history: TicketHistoryTable;
  ticket_comments: TicketCommentsTable;
  agents: AgentsTable;
}
