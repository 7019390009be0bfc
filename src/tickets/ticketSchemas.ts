import { z } from 'zod';
import { policyIdSchema } from '../knowledge/types.js';
import { reportReadSchema, reportWriteSchema, repairFields } from './repairFields.js';

/** The four states of the standard-service policy's 工单系统, exactly as it names them. */
export const ticketStateSchema = z.enum(['未处理', '处理中', '待补充', '已结单']);
export type TicketState = z.infer<typeof ticketStateSchema>;

/**
 * Readable ticket number: T + local date + '-' + six random digits, e.g. T20261123-482913
 * (numbers from before migration 200 have a four-digit sequence instead).
 */
export const ticketNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^T\d{8}-\d{4,6}$/, '工单号格式应为 T20261123-482913 (ticket number like T20261123-482913)');

/** Last four digits of the phone on the ticket, as a customer types them. */
export const phoneLast4Schema = z
  .string()
  .trim()
  .regex(/^\d{4}$/, '请提供手机号后四位 (last 4 digits)');

/**
 * The repair report the policy asks for, as written: its keys, order and validation are the
 * fields of knowledge/dialogs/repair-form.json (see repairFields.ts). Which fields are required
 * is the dialog's business, so every field is optional here.
 */
export const reportFieldsSchema = reportWriteSchema(repairFields);
/** A stored report, read back leniently: nothing a ticket once held is lost. */
export const storedReportSchema = reportReadSchema(repairFields);
export type ReportFields = Partial<Record<string, string>>;
export type ReportFieldKey = string;

/** The policy's Chinese names of the report fields, in order, for agents' views and summaries. */
export const reportFieldLabels: Readonly<Record<string, string>> = Object.fromEntries(
  repairFields.map((f) => [f.key, f.title]),
);

export const MAX_TEXT = 4000;
export const MAX_NOTE = 1000;

export const transcriptEntrySchema = z.object({
  from: z.enum(['customer', 'bot', 'agent']),
  text: z.string().max(MAX_TEXT),
  at: z.iso.datetime({ offset: true }),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** Who may read a note: agents only ('internal'), or the customer too ('customer'). */
export const noteVisibilitySchema = z.enum(['internal', 'customer']);
export type NoteVisibility = z.infer<typeof noteVisibilitySchema>;

export const historyEntrySchema = z.object({
  from: ticketStateSchema.nullable(),
  to: ticketStateSchema,
  /** 'customer', 'bot', 'system' or 'agent:<login>'. */
  by: z.string(),
  /** A note on the state change (e.g. what to supplement); the customer sees it only when noteVisibility says so. */
  note: z.string().nullable(),
  noteVisibility: noteVisibilitySchema,
  at: z.iso.datetime({ offset: true }),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Agents' notes: internal ones customers never see; customer-visible ones are told to the customer. */
export const commentSchema = z.object({
  author: z.string(),
  text: z.string(),
  at: z.iso.datetime({ offset: true }),
  visibility: noteVisibilitySchema,
});
export type TicketComment = z.infer<typeof commentSchema>;

export const ticketOriginSchema = z.enum(['repair_report', 'handoff']);
export type TicketOrigin = z.infer<typeof ticketOriginSchema>;

/** The coverage engine's decision, stored as JSON; that engine owns its shape. */
export const coverageRecordSchema = z.record(z.string(), z.unknown());

/** A file on the ticket (issue 14): what agents and the ticket JSON list of it. */
export const ticketAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  size: z.number().int().min(0),
});
export type TicketAttachment = z.infer<typeof ticketAttachmentSchema>;

export const ticketSchema = z.object({
  number: z.string(),
  policy: policyIdSchema,
  state: ticketStateSchema,
  origin: ticketOriginSchema,
  report: storedReportSchema,
  coverage: coverageRecordSchema.nullable(),
  conversationId: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  transcript: z.array(transcriptEntrySchema),
  history: z.array(historyEntrySchema),
  comments: z.array(commentSchema),
  attachments: z.array(ticketAttachmentSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** What opening a ticket needs. */
export const newTicketSchema = z.object({
  policy: policyIdSchema,
  report: reportFieldsSchema.default({}),
  coverage: coverageRecordSchema.optional(),
  transcript: z.array(transcriptEntrySchema).max(2000).default([]),
  conversationId: z.string().min(1).max(256).optional(),
  origin: ticketOriginSchema.default('repair_report'),
  /** Files the conversation received for this report; they join the ticket as it is opened. */
  attachmentIds: z.array(z.string().max(64)).max(50).default([]),
  /** Names what is creating the ticket (a form, a request); creating again with it returns the first ticket. */
  idempotencyKey: z.string().min(8).max(64).optional(),
});
export type NewTicketInput = z.input<typeof newTicketSchema>;
export type NewTicket = z.output<typeof newTicketSchema>;

/** Agents' list filters; `q` searches the number and report fields. */
export const ticketFilterSchema = z.object({
  state: ticketStateSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TicketFilter = z.output<typeof ticketFilterSchema>;

/** A list row: the ticket without its long parts. */
export type TicketSummary = Omit<Ticket, 'transcript' | 'history' | 'comments' | 'attachments'>;
export interface TicketPage {
  items: TicketSummary[];
  total: number;
  limit: number;
  offset: number;
}
