import type { Kysely, Selectable } from 'kysely';
import type { Database, TicketsTable } from '../storage/schema.js';
import { attachmentsOfTicket } from './ticketAttachments.js';
import {
  noteVisibilitySchema,
  ticketStateSchema,
  transcriptEntrySchema,
  coverageRecordSchema,
  storedReportSchema,
  ticketSchema,
  type ReportFields,
  type Ticket,
  type TicketSummary,
} from './ticketSchemas.js';

/** Text the agents' search runs over: the number and every report value, lower-cased. */
export function searchTextOf(number: string, report: ReportFields): string {
  return [number, ...Object.values(report)].join('\n').toLowerCase();
}

/** Turns a stored row into a checked summary; a row that fails the schema is a bug, so it throws. */
export function summaryFromRow(row: Selectable<TicketsTable>): TicketSummary {
  const full = ticketSchema.parse({
    number: row.number,
    policy: row.policy,
    state: row.state,
    origin: row.origin,
    report: storedReportSchema.parse(JSON.parse(row.report)),
    coverage: row.coverage === null ? null : coverageRecordSchema.parse(JSON.parse(row.coverage)),
    conversationId: row.conversation_id,
    rating: row.rating === null ? null : Number(row.rating),
    transcript: [],
    history: [],
    comments: [],
    attachments: [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  const { transcript: _t, history: _h, comments: _c, attachments: _a, ...summary } = full;
  return summary;
}

/** Joins a summary with its child rows. */
export function ticketFromParts(
  summary: TicketSummary,
  parts: Pick<Ticket, 'transcript' | 'history' | 'comments' | 'attachments'>,
): Ticket {
  return ticketSchema.parse({ ...summary, ...parts });
}

/** Reads a ticket row's transcript, history, comments and attachments (each in insertion order) into a Ticket. */
export async function loadTicket(db: Kysely<Database>, row: Selectable<TicketsTable>): Promise<Ticket> {
  const [transcript, history, comments, attachments] = await Promise.all([
    db.selectFrom('ticket_transcript').selectAll().where('ticket_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('ticket_history').selectAll().where('ticket_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('ticket_comments').selectAll().where('ticket_id', '=', row.id).orderBy('id').execute(),
    attachmentsOfTicket(db, row.number),
  ]);
  return ticketFromParts(summaryFromRow(row), {
    transcript: transcript.map((r) => transcriptEntrySchema.parse({ from: r.sender, text: r.text, at: r.at })),
    history: history.map((r) => ({
      from: r.from_state === null ? null : ticketStateSchema.parse(r.from_state),
      to: ticketStateSchema.parse(r.to_state),
      by: r.actor,
      note: r.note,
      noteVisibility: noteVisibilitySchema.catch('internal').parse(r.note_visibility),
      at: r.at,
    })),
    comments: comments.map((r) => ({
      author: r.author,
      text: r.text,
      at: r.at,
      visibility: noteVisibilitySchema.catch('internal').parse(r.visibility),
    })),
    attachments,
  });
}
