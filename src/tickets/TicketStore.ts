import type {
  HistoryEntry,
  NoteVisibility,
  NewTicket,
  ReportFields,
  Ticket,
  TicketComment,
  TicketFilter,
  TicketPage,
  TicketSummary,
  TicketState,
  TranscriptEntry,
} from './ticketSchemas.js';

/** A state change to apply only if the ticket is still in `from` (compare-and-set). */
export interface StateChange {
  from: TicketState;
  to: TicketState;
  by: string;
  note: string | null;
  /** Who may read the note. */
  noteVisibility: NoteVisibility;
  at: string;
}

/**
 * Persistence of tickets. It enforces storage facts (numbering, atomic state changes) but not
 * the policy: TicketService checks the lifecycle before calling `transition`.
 * Methods taking a number throw AppError('not_found') when no such ticket exists.
 */
export interface TicketStore {
  /**
   * Stores the ticket in 未处理 with a fresh number of `dayKey` and its first history entry; a
   * ticket already created with the same idempotency key is returned instead.
   */
  create(ticket: NewTicket, meta: { dayKey: string; at: string; by: string }): Promise<Ticket>;
  get(number: string): Promise<Ticket | undefined>;
  /** The ticket only if its phone ends with `phoneLast4`; otherwise undefined, as if it did not exist. */
  findForCustomer(number: string, phoneLast4: string): Promise<Ticket | undefined>;
  /** The newest ticket opened from this conversation. */
  findByConversation(conversationId: string): Promise<Ticket | undefined>;
  /** Every ticket opened from this conversation, oldest first (at most 50). */
  listByConversation(conversationId: string): Promise<TicketSummary[]>;
  list(filter: TicketFilter): Promise<TicketPage>;
  /** Applies the change; AppError('conflict') if the ticket is no longer in `change.from`. */
  transition(number: string, change: StateChange): Promise<Ticket>;
  addComment(number: string, comment: TicketComment): Promise<Ticket>;
  appendTranscript(number: string, entries: TranscriptEntry[]): Promise<void>;
  /** Puts files of the ticket's conversation that are on no ticket yet on this one; returns how many. */
  linkAttachments(number: string, conversationId: string, ids: readonly string[], at: string): Promise<number>;
  setRating(number: string, rating: number, at: string): Promise<Ticket>;
  /** Merges the given fields into the report (absent keys are kept). */
  updateReport(number: string, fields: ReportFields, at: string): Promise<Ticket>;
  /** How many tickets are in each state (states with none are absent). */
  countByState(): Promise<Record<string, number>>;
}

export type { HistoryEntry };
