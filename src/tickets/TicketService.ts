import type { z } from 'zod';
import { AppError } from '../errors.js';
import { customerViewOf, type CustomerTicketView } from './customerView.js';
import { assertAgentMove, customerActionTarget, type CustomerAction } from './ticketLifecycle.js';
import { localDayKey } from './ticketNumber.js';
import {
  MAX_NOTE,
  MAX_TEXT,
  newTicketSchema,
  noteVisibilitySchema,
  phoneLast4Schema,
  reportFieldsSchema,
  ticketFilterSchema,
  ticketNumberSchema,
  ticketStateSchema,
  transcriptEntrySchema,
  type NewTicketInput,
  type NoteVisibility,
  type Ticket,
  type TicketPage,
  type TicketSummary,
  type TicketState,
  type TranscriptEntry,
} from './ticketSchemas.js';
import type { TicketStore } from './TicketStore.js';

export interface TicketServiceOptions {
  /** UTC offset of the service desk, for the day in ticket numbers (config TZ_OFFSET_MINUTES). */
  tzOffsetMinutes: number;
  now?: () => Date;
}

/**
 * The tickets domain: validates input, applies the policy's lifecycle and keeps customers to
 * their own tickets. Refusals are AppErrors: bad_request, not_found, conflict.
 */
export class TicketService {
  private readonly now: () => Date;

  constructor(
    private readonly store: TicketStore,
    private readonly options: TicketServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Opens a ticket in 未处理 numbered for the local day; with an idempotency key, at most one per key. */
  async create(input: NewTicketInput, by = 'bot'): Promise<Ticket> {
    const ticket = check(newTicketSchema, input);
    const now = this.now();
    return this.store.create(ticket, {
      dayKey: localDayKey(now, this.options.tzOffsetMinutes),
      at: now.toISOString(),
      by,
    });
  }

  /** The full ticket, for agents; AppError('not_found') when missing. */
  async get(number: string): Promise<Ticket> {
    const ticket = await this.store.get(check(ticketNumberSchema, number));
    if (!ticket) throw new AppError('not_found', `找不到工单 ${number}。(Ticket not found.)`, { number });
    return ticket;
  }

  /** How many tickets are in each state (for metrics). */
  async countByState(): Promise<Record<string, number>> {
    return this.store.countByState();
  }

  /** The customer's view, only when number and phone's last four digits both match; otherwise undefined. */
  async findForCustomer(number: string, phoneLast4: string): Promise<CustomerTicketView | undefined> {
    const ticket = await this.ownTicket(number, phoneLast4);
    return ticket ? customerViewOf(ticket) : undefined;
  }

  /** The newest ticket of a conversation (for handoff: create or update). */
  findByConversation(conversationId: string): Promise<Ticket | undefined> {
    return this.store.findByConversation(conversationId);
  }

  /** Every ticket the conversation opened, oldest first (the agents' console links them). */
  listByConversation(conversationId: string): Promise<TicketSummary[]> {
    return this.store.listByConversation(conversationId);
  }

  /** Agents' list with filters (state, q) and paging; raw query values are validated here. */
  async list(filter: unknown = {}): Promise<TicketPage> {
    return this.store.list(check(ticketFilterSchema, filter));
  }

  /**
   * An agent moves the ticket; illegal moves are AppError('conflict'). Unless the agent chose, the
   * note of a move to 待补充 tells the customer (it says what they are to supply) and any other
   * note stays internal.
   */
  async moveByAgent(
    number: string,
    to: TicketState,
    agentLogin: string,
    note?: string,
    noteVisibility: NoteVisibility = to === '待补充' ? 'customer' : 'internal',
  ): Promise<Ticket> {
    const target = check(ticketStateSchema, to);
    const ticket = await this.get(number);
    assertAgentMove(ticket.state, target);
    return this.store.transition(ticket.number, {
      from: ticket.state,
      to: target,
      by: `agent:${agentLogin}`,
      note: note ? checkText(note, MAX_NOTE, 'note') : null,
      noteVisibility: check(noteVisibilitySchema, noteVisibility),
      at: this.now().toISOString(),
    });
  }

  /** The customer adds information; a 待补充 ticket goes back to 未处理. */
  async supplementByCustomer(number: string, phoneLast4: string, text: string): Promise<CustomerTicketView> {
    const entry = { from: 'customer' as const, text: checkText(text, MAX_TEXT, 'text'), at: this.now().toISOString() };
    const ticket = await this.customerAction(number, phoneLast4, 'supplement', '客户补充了信息');
    await this.store.appendTranscript(ticket.number, [entry]);
    return customerViewOf(await this.get(ticket.number));
  }

  /**
   * The customer sends files in the ticket's own conversation (the conversation proves who they
   * are): the files join the ticket, a line goes into its transcript, and it moves as a customer
   * supplement does (待补充 -> 未处理). AppError('conflict') when the ticket is 已结单,
   * AppError('forbidden') for another conversation's ticket.
   */
  async supplementWithAttachments(
    number: string,
    files: { conversationId: string; ids: readonly string[]; transcriptText: string; note: string },
  ): Promise<{ ticket: Ticket; from: TicketState }> {
    const ticket = await this.get(number);
    if (ticket.conversationId !== files.conversationId)
      throw new AppError('forbidden', '工单不属于此会话。(Ticket belongs to another conversation.)', { number });
    const to = customerActionTarget(ticket.state, 'supplement');
    const at = this.now().toISOString();
    await this.store.linkAttachments(ticket.number, files.conversationId, files.ids, at);
    await this.store.appendTranscript(ticket.number, [
      { from: 'customer', text: checkText(files.transcriptText.slice(0, MAX_TEXT), MAX_TEXT, 'text'), at },
    ]);
    const moved =
      to === ticket.state
        ? await this.get(ticket.number)
        : await this.store.transition(ticket.number, {
            from: ticket.state,
            to,
            by: 'customer',
            note: checkText(files.note.slice(0, MAX_NOTE), MAX_NOTE, 'note'),
            noteVisibility: 'customer',
            at,
          });
    return { ticket: moved, from: ticket.state };
  }

  /** The customer closes the ticket (allowed in 未处理, 处理中 and 待补充). */
  async closeByCustomer(number: string, phoneLast4: string): Promise<CustomerTicketView> {
    return customerViewOf(await this.customerAction(number, phoneLast4, 'close', '客户关闭了工单'));
  }

  /** An agent's note: internal (agents only) unless it is a message for the customer. */
  async addComment(
    number: string,
    author: string,
    text: string,
    visibility: NoteVisibility = 'internal',
  ): Promise<Ticket> {
    const comment = {
      author,
      text: checkText(text, MAX_TEXT, 'text'),
      at: this.now().toISOString(),
      visibility: check(noteVisibilitySchema, visibility),
    };
    return this.store.addComment(check(ticketNumberSchema, number), comment);
  }

  /** A note from the system on the ticket with this number, if there is one; nothing otherwise. */
  async noteIfExists(number: string, note: string): Promise<void> {
    const parsedNumber = ticketNumberSchema.safeParse(number);
    if (!parsedNumber.success || !(await this.store.get(parsedNumber.data))) return;
    await this.addComment(parsedNumber.data, 'system', note);
  }

  /** Whether a ticket has this number and is still open (not 已结单): a closed one takes no more of its conversation. */
  async isOpen(number: string): Promise<boolean> {
    const parsedNumber = ticketNumberSchema.safeParse(number);
    const ticket = parsedNumber.success ? await this.store.get(parsedNumber.data) : undefined;
    return ticket !== undefined && ticket.state !== '已结单';
  }

  /** Adds conversation lines (and optionally a note from the bot) to the ticket. */
  async appendTranscript(number: string, lines: TranscriptEntry[], note?: string): Promise<void> {
    const entries = lines.map((line) => check(transcriptEntrySchema, line));
    await this.store.appendTranscript(check(ticketNumberSchema, number), entries);
    if (note) await this.addComment(number, 'bot', note);
  }

  /** Stores the customer's 1–5 satisfaction rating. */
  async rate(number: string, rating: number): Promise<Ticket> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
      throw new AppError('bad_request', '评分应为 1 到 5 的整数。(rating must be an integer 1-5)', { field: 'rating' });
    }
    return this.store.setRating(check(ticketNumberSchema, number), rating, this.now().toISOString());
  }

  /** Merges corrected or added report fields. */
  async updateReport(number: string, fields: unknown): Promise<Ticket> {
    return this.store.updateReport(
      check(ticketNumberSchema, number),
      check(reportFieldsSchema, fields),
      this.now().toISOString(),
    );
  }

  private async ownTicket(number: string, phoneLast4: string): Promise<Ticket | undefined> {
    const n = ticketNumberSchema.safeParse(number);
    const last4 = phoneLast4Schema.safeParse(phoneLast4);
    if (!n.success || !last4.success) return undefined;
    return this.store.findForCustomer(n.data, last4.data);
  }

  private async customerAction(
    number: string,
    phoneLast4: string,
    action: CustomerAction,
    note: string,
  ): Promise<Ticket> {
    const ticket = await this.ownTicket(number, phoneLast4);
    // Same answer for "no such ticket" and "not yours": nothing leaks about other customers' tickets.
    if (!ticket) throw new AppError('not_found', '找不到与该手机号匹配的工单。(No matching ticket.)', { number });
    const to = customerActionTarget(ticket.state, action);
    if (to === ticket.state) return ticket;
    return this.store.transition(ticket.number, {
      from: ticket.state,
      to,
      by: 'customer',
      note,
      noteVisibility: 'customer',
      at: this.now().toISOString(),
    });
  }
}

/** Parses with zod; failures become AppError('bad_request') naming the first bad field. */
function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'value';
  throw new AppError('bad_request', `字段 ${field} 无效：${issue?.message ?? ''} (invalid ${field})`, { field });
}

function checkText(text: string, max: number, field: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new AppError('bad_request', `${field} 不能为空。(${field} is empty)`, { field });
  if (trimmed.length > max) {
    throw new AppError('payload_too_large', `${field} 太长（最多 ${max} 字）。(${field} too long)`, { field, max });
  }
  return trimmed;
}
