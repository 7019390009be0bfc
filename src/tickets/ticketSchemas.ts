import { z } from 'zod';
import { policyIdSchema } from '../knowledge/types.js';

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
export const phoneLast4Schema = z.string().trim().regex(/^\d{4}$/, '请提供手机号后四位 (last 4 digits)');

const field = (max: number) => z.string().trim().min(1).max(max);

/**
 * The repair report the policy asks for. Keys match dialogs/dependencies.ts (RepairFieldKey);
 * which fields are required is the dialog's business, so every field is optional here.
 */
export const reportFieldsSchema = z
  .object({
    model: field(100).optional(),
    serial: field(100).optional(),
    config: field(2000).optional(),
    errorMessage: field(2000).optional(),
    description: field(4000).optional(),
    organization: field(200).optional(),
    contactName: field(100).optional(),
    phone: z.string().trim().regex(/^[+\d][\d\s-]{5,24}$/, '联系方式应为电话号码 (phone number)').optional(),
    address: field(500).optional(),
  })
  .strict();
export type ReportFields = z.infer<typeof reportFieldsSchema>;
export type ReportFieldKey = keyof ReportFields;

/** The policy's Chinese names of the report fields, for agents' views and summaries. */
export const reportFieldLabels: Record<ReportFieldKey, string> = {
  model: '产品型号',
  serial: '产品序列号',
  config: '系统软硬件配置',
  errorMessage: '系统错误信息',
  description: '详细故障描述',
  organization: '用户单位',
  contactName: '联系人',
  phone: '联系方式',
  address: '详细地址',
};

export const MAX_TEXT = 4000;
export const MAX_NOTE = 1000;

export const transcriptEntrySchema = z.object({
  from: z.enum(['customer', 'bot', 'agent']),
  text: z.string().max(MAX_TEXT),
  at: z.iso.datetime({ offset: true }),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

export const historyEntrySchema = z.object({
  from: ticketStateSchema.nullable(),
  to: ticketStateSchema,
  /** 'customer', 'bot', 'system' or 'agent:<login>'. */
  by: z.string(),
  /** Shown to the customer with the state change (e.g. what to supplement). */
  note: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Comments are agents' private notes; customers never see them. */
export const commentSchema = z.object({ author: z.string(), text: z.string(), at: z.iso.datetime({ offset: true }) });
export type TicketComment = z.infer<typeof commentSchema>;

export const ticketOriginSchema = z.enum(['repair_report', 'handoff']);
export type TicketOrigin = z.infer<typeof ticketOriginSchema>;

/** The coverage engine's decision, stored as JSON; that engine owns its shape. */
export const coverageRecordSchema = z.record(z.string(), z.unknown());

export const ticketSchema = z.object({
  number: z.string(),
  policy: policyIdSchema,
  state: ticketStateSchema,
  origin: ticketOriginSchema,
  report: reportFieldsSchema,
  coverage: coverageRecordSchema.nullable(),
  conversationId: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  transcript: z.array(transcriptEntrySchema),
  history: z.array(historyEntrySchema),
  comments: z.array(commentSchema),
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
export type TicketSummary = Omit<Ticket, 'transcript' | 'history' | 'comments'>;
export interface TicketPage {
  items: TicketSummary[];
  total: number;
  limit: number;
  offset: number;
}
