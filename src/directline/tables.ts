/**
 * Row types of the Direct Line tables (migration 100). Activities are stored as JSON text so
 * both engines hold identical values; `seq` is the per-conversation watermark.
 */
export type DlConversationsTable = {
  id: string;
  user_id: string;
  /** Last activity sequence number handed out; bumped under a row lock so ids never collide. */
  last_seq: number;
  /** 1 once the welcome (webchat/join) has been delivered, so reconnects never repeat it. */
  welcomed: number;
  /** Unused since migration 202: turns are serialised by src/turns (advisory locks on PostgreSQL). */
  turn_lease_until: string | null;
  created_at: string;
  updated_at: string;
};

export type DlActivitiesTable = {
  conversation_id: string;
  seq: number;
  activity: string;
  at: string;
  /** Web Chat's channelData.clientActivityID of a customer's activity: a resend finds the first (migration 202). */
  client_activity_id: string | null;
  /** A customer's activity: 'pending' until its turn's replies are logged, then 'done'; null for the rest. */
  turn_state: string | null;
};

export type DirectLineTables = {
  dl_conversations: DlConversationsTable;
  dl_activities: DlActivitiesTable;
};
