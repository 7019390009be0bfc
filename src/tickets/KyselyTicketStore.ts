import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../errors.js';
import { containsPattern, isUniqueViolation, type DialectName } from '../storage/dialect.js';
import type { Database } from '../storage/schema.js';
import { newTicketNumber, phoneLast4 } from './ticketNumber.js';
import { linkAttachments } from './ticketAttachments.js';
import { loadTicket, searchTextOf, summaryFromRow } from './ticketRows.js';
import type { StateChange, TicketStore } from './TicketStore.js';
import {
  storedReportSchema,
  type NewTicket,
  type ReportFields,
  type Ticket,
  type TicketComment,
  type TicketFilter,
  type TicketPage,
  type TicketSummary,
  type TranscriptEntry,
} from './ticketSchemas.js';
import { phoneFieldKey } from './repairFields.js';
import { durableTransaction } from '../storage/durableTransaction.js';

type Db = Kysely<Database> | Transaction<Database>;

/** TicketStore over the application database, identical on SQLite and PostgreSQL. */
export class KyselyTicketStore implements TicketStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    /** Draws a number for a day (random; tests pass their own to force collisions). */
    private readonly drawNumber: (dayKey: string) => string = (dayKey) => newTicketNumber(dayKey),
  ) {}

  async create(ticket: NewTicket, meta: { dayKey: string; at: string; by: string }): Promise<Ticket> {
    for (let attempt = 1; ; attempt += 1) {
      // A retried creation (the same form confirmed again, after a crash or a redelivery) finds its ticket.
      const earlier = ticket.idempotencyKey ? await this.byKey(ticket.idempotencyKey) : undefined;
      if (earlier) return earlier;
      const number = this.drawNumber(meta.dayKey);
      try {
        await this.insert(ticket, number, meta);
        return this.require(number);
      } catch (error) {
        // Either a racing creation with the same key committed first (found above next time),
        // or the random number is taken (a new one next time).
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  }

  private async byKey(key: string): Promise<Ticket | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .select('number')
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? this.get(row.number) : undefined;
  }

  private async insert(ticket: NewTicket, number: string, meta: { at: string; by: string }): Promise<void> {
    await durableTransaction(this.db, this.dialect, async (trx) => {
      const inserted = await trx
        .insertInto('tickets')
        .values({
          number,
          policy: ticket.policy,
          state: '未处理',
          origin: ticket.origin,
          report: JSON.stringify(ticket.report),
          coverage: ticket.coverage ? JSON.stringify(ticket.coverage) : null,
          conversation_id: ticket.conversationId ?? null,
          phone_last4: phoneLast4(ticket.report[phoneFieldKey]),
          rating: null,
          search_text: searchTextOf(number, ticket.report),
          created_at: meta.at,
          updated_at: meta.at,
          idempotency_key: ticket.idempotencyKey ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('ticket_history')
        .values({
          ticket_id: inserted.id,
          from_state: null,
          to_state: '未处理',
          actor: meta.by,
          note: null,
          at: meta.at,
        })
        .execute();
      await insertTranscript(trx, inserted.id, ticket.transcript);
      if (ticket.conversationId) await linkAttachments(trx, number, ticket.conversationId, ticket.attachmentIds);
    });
  }

  async get(number: string): Promise<Ticket | undefined> {
    const row = await this.db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst();
    return row ? loadTicket(this.db, row) : undefined;
  }

  async findForCustomer(number: string, last4: string): Promise<Ticket | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .select('number')
      .where('number', '=', number)
      .where('phone_last4', '=', last4)
      .executeTakeFirst();
    return row ? this.get(row.number) : undefined;
  }

  async findByConversation(conversationId: string): Promise<Ticket | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .select('number')
      .where('conversation_id', '=', conversationId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? this.get(row.number) : undefined;
  }

  async listByConversation(conversationId: string): Promise<TicketSummary[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('id')
      .limit(50)
      .execute();
    return rows.map(summaryFromRow);
  }

  async list(filter: TicketFilter): Promise<TicketPage> {
    let query = this.db.selectFrom('tickets');
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.q)
      query = query.where(sql<boolean>`search_text like ${containsPattern(filter.q.toLowerCase())} escape '\\'`);
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(summaryFromRow), total: Number(count.n), limit: filter.limit, offset: filter.offset };
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('tickets')
      .select((eb) => ['state', eb.fn.countAll().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  async transition(number: string, change: StateChange): Promise<Ticket> {
    await durableTransaction(this.db, this.dialect, async (trx) => {
      const id = await this.idOf(trx, number);
      // Compare-and-set: a concurrent change since the caller read the ticket makes this match nothing.
      const updated = await trx
        .updateTable('tickets')
        .set({ state: change.to, updated_at: change.at })
        .where('id', '=', id)
        .where('state', '=', change.from)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) {
        throw new AppError(
          'conflict',
          `工单 ${number} 的状态已被他人修改，请刷新后重试。(Ticket state changed concurrently.)`,
          {
            number,
            expected: change.from,
          },
        );
      }
      await trx
        .insertInto('ticket_history')
        .values({
          ticket_id: id,
          from_state: change.from,
          to_state: change.to,
          actor: change.by,
          note: change.note,
          note_visibility: change.noteVisibility,
          at: change.at,
        })
        .execute();
    });
    return this.require(number);
  }

  async addComment(number: string, comment: TicketComment): Promise<Ticket> {
    const id = await this.idOf(this.db, number);
    await this.db
      .insertInto('ticket_comments')
      .values({ ticket_id: id, ...comment })
      .execute();
    await this.touch(id, comment.at);
    return this.require(number);
  }

  async appendTranscript(number: string, entries: TranscriptEntry[]): Promise<void> {
    const id = await this.idOf(this.db, number);
    await insertTranscript(this.db, id, entries);
    const last = entries.at(-1);
    if (last) await this.touch(id, last.at);
  }

  async linkAttachments(number: string, conversationId: string, ids: readonly string[], at: string): Promise<number> {
    const id = await this.idOf(this.db, number);
    const linked = await linkAttachments(this.db, number, conversationId, ids);
    if (linked > 0) await this.touch(id, at);
    return linked;
  }

  async setRating(number: string, rating: number, at: string): Promise<Ticket> {
    const id = await this.idOf(this.db, number);
    await this.db.updateTable('tickets').set({ rating, updated_at: at }).where('id', '=', id).execute();
    return this.require(number);
  }

  async updateReport(number: string, fields: ReportFields, at: string): Promise<Ticket> {
    await durableTransaction(this.db, this.dialect, async (trx) => {
      // Read-merge-write under a row lock on PostgreSQL; SQLite transactions are already serial.
      const row = await trx
        .selectFrom('tickets')
        .select(['id', 'report'])
        .where('number', '=', number)
        .$if(this.dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!row) throw notFound(number);
      const current = storedReportSchema.parse(JSON.parse(row.report));
      const report: ReportFields = { ...current, ...fields };
      await trx
        .updateTable('tickets')
        .set({
          report: JSON.stringify(report),
          phone_last4: phoneLast4(report[phoneFieldKey]),
          search_text: searchTextOf(number, report),
          updated_at: at,
        })
        .where('id', '=', row.id)
        .execute();
    });
    return this.require(number);
  }

  private async require(number: string): Promise<Ticket> {
    const ticket = await this.get(number);
    if (!ticket) throw notFound(number);
    return ticket;
  }

  private async idOf(db: Db, number: string): Promise<number> {
    const row = await db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirst();
    if (!row) throw notFound(number);
    return row.id;
  }

  private async touch(id: number, at: string): Promise<void> {
    await this.db.updateTable('tickets').set({ updated_at: at }).where('id', '=', id).execute();
  }
}

async function insertTranscript(db: Db, ticketId: number, entries: TranscriptEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('ticket_transcript')
    .values(entries.map((e) => ({ ticket_id: ticketId, sender: e.from, text: e.text, at: e.at })))
    .execute();
}

function notFound(number: string): AppError {
  return new AppError('not_found', `找不到工单 ${number}。(Ticket ${number} not found.)`, { number });
}
