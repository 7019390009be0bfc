import type { Kysely } from 'kysely';
import type { HandoffTables } from '../handoff/tables.js';
import type { Database } from '../storage/schema.js';
import type { UnderstandingTables } from '../understanding/tables.js';
import { conversationOutcome, outcomeRates, type ConversationOutcome } from './conversationOutcome.js';
import { LocalDays, median, topCounts } from './localDays.js';
import type { AdminTables } from './tables.js';

/** The console opens on a week. */
const DEFAULT_DAYS = 7;

/** The agents' promise: a first reply within this many minutes of the ticket opening. */
const FIRST_REPLY_PROMISE_MINUTES = 60;
const TOP = 5;
/** Ticket history actors that are not an agent replying. */
const NOT_AGENTS = ['bot', 'customer', 'system'];

export interface Csat {
  count: number;
  average: number | null;
  /** How many ratings of 1, 2, 3, 4 and 5. */
  distribution: number[];
}

export interface DayFigures extends Record<ConversationOutcome, number> {
  date: string;
  conversations: number;
  csat: Csat;
  ticketsOpened: number;
  /** Current state of the tickets opened that day. */
  ticketsByState: Record<string, number>;
  /** Agents' first reply to tickets opened that day: how many got one, median minutes, how many within the hour. */
  firstReply: { replied: number; medianMinutes: number | null; withinHour: number; promiseMinutes: number };
  topIntents: Array<{ intent: string; count: number }>;
  topClauses: Array<{ clause: string; count: number }>;
  topUnanswered: Array<{ text: string; count: number }>;
}

export interface StatsReport extends Record<ConversationOutcome, number> {
  from: string;
  to: string;
  conversations: number;
  /** Each outcome's share in percent; they add up to 100 (see conversationOutcome for the precedence). */
  rates: Record<ConversationOutcome, number>;
  csat: Csat;
  ticketsOpened: number;
  days: DayFigures[];
}

type Db = Kysely<Database & AdminTables & HandoffTables & UnderstandingTables>;

/** The figures of the lead's console, per local day, read from the shared store (every instance agrees). */
export class AdminStats {
  private readonly db: Db;

  constructor(
    db: Kysely<Database>,
    private readonly days: LocalDays,
  ) {
    this.db = db.withTables<AdminTables & HandoffTables & UnderstandingTables>();
  }

  /** The report for local days from..to (inclusive). */
  /** The last `count` days of the desk's calendar, today included: the period when the lead names none. */
  defaultPeriod(count = DEFAULT_DAYS): { from: string; to: string } {
    return this.days.lastDays(count);
  }

  async report(from: string, to: string): Promise<StatsReport> {
    const { start, end } = this.days.bounds(from, to);
    const [turns, queued, tickets, replies, unanswered] = await Promise.all([
      this.db
        .selectFrom('turn_outcomes')
        .select(['at', 'conversation_id', 'intent', 'outcome', 'cited'])
        .where('at', '>=', start)
        .where('at', '<', end)
        .orderBy('at')
        .orderBy('id')
        .execute(),
      this.db.selectFrom('handoff_sessions').select('conversation_id').where('queued_at', '>=', start).execute(),
      this.db
        .selectFrom('tickets')
        .select(['id', 'state', 'rating', 'created_at'])
        .where('created_at', '>=', start)
        .where('created_at', '<', end)
        .execute(),
      this.firstReplies(start),
      this.db
        .selectFrom('unanswered_questions')
        .select(['at', 'text'])
        .where('at', '>=', start)
        .where('at', '<', end)
        .execute(),
    ]);
    const queuedIds = new Set(queued.map((q) => q.conversation_id));
    const conversations = new Map<string, { day: string; outcomes: string[] }>();
    for (const t of turns) {
      const c = conversations.get(t.conversation_id) ?? { day: this.days.dayOf(t.at), outcomes: [] };
      c.outcomes.push(t.outcome);
      conversations.set(t.conversation_id, c);
    }
    // Grouped once by day: a period of a month holds tens of thousands of turns.
    const byDay = <T>(items: readonly T[], dayOf: (item: T) => string | undefined): Map<string, T[]> => {
      const map = new Map<string, T[]>();
      for (const item of items) {
        const day = dayOf(item);
        if (day === undefined) continue;
        const list = map.get(day);
        if (list) list.push(item);
        else map.set(day, [item]);
      }
      return map;
    };
    const turnsByDay = byDay(turns, (t) => conversations.get(t.conversation_id)?.day);
    const conversationsByDay = byDay([...conversations], ([, c]) => c.day);
    const ticketsByDay = byDay(tickets, (t) => this.days.dayOf(t.created_at));
    const unansweredByDay = byDay(unanswered, (u) => this.days.dayOf(u.at));
    const days = LocalDays.list(from, to).map((date) => {
      const dayTurns = turnsByDay.get(date) ?? [];
      const outcomes = (conversationsByDay.get(date) ?? []).map(([id, c]) =>
        conversationOutcome(c.outcomes, queuedIds.has(id)),
      );
      const dayTickets = ticketsByDay.get(date) ?? [];
      const waits = dayTickets.flatMap((t) => {
        const first = replies.get(t.id);
        return first ? [(Date.parse(first) - Date.parse(t.created_at)) / 60_000] : [];
      });
      const wait = median(waits);
      return {
        date,
        conversations: outcomes.length,
        ...countOutcomes(outcomes),
        csat: csatOf(dayTickets.map((t) => t.rating)),
        ticketsOpened: dayTickets.length,
        ticketsByState: Object.fromEntries(
          topCounts(
            dayTickets.map((t) => t.state),
            10,
          ).map((s) => [s.value, s.count]),
        ),
        firstReply: {
          replied: waits.length,
          medianMinutes: wait === null ? null : Math.round(wait * 10) / 10,
          withinHour: waits.filter((w) => w <= FIRST_REPLY_PROMISE_MINUTES).length,
          promiseMinutes: FIRST_REPLY_PROMISE_MINUTES,
        },
        topIntents: topCounts(
          dayTurns.map((t) => t.intent).filter((i) => i !== 'in_dialog'),
          TOP,
        ).map((x) => ({ intent: x.value, count: x.count })),
        topClauses: topCounts(
          dayTurns.flatMap((t) => parseCited(t.cited)),
          TOP,
        ).map((x) => ({ clause: x.value, count: x.count })),
        topUnanswered: topCounts(
          (unansweredByDay.get(date) ?? []).map((u) => u.text),
          TOP,
        ).map((x) => ({ text: x.value, count: x.count })),
      } satisfies DayFigures;
    });
    const sum = (k: ConversationOutcome) => days.reduce((n, d) => n + d[k], 0);
    const totals = {
      handedOff: sum('handedOff'),
      abstained: sum('abstained'),
      outOfScope: sum('outOfScope'),
      contained: sum('contained'),
    };
    return {
      from,
      to,
      conversations: days.reduce((n, d) => n + d.conversations, 0),
      ...totals,
      rates: outcomeRates(totals),
      csat: csatOf(tickets.map((t) => t.rating)),
      ticketsOpened: tickets.length,
      days,
    };
  }

  /** Per ticket id, when an agent first answered: a line to the customer, or a state change by an agent. */
  private async firstReplies(since: string): Promise<Map<number, string>> {
    const [lines, moves] = await Promise.all([
      this.db
        .selectFrom('ticket_transcript')
        .select(['ticket_id', 'at'])
        .where('sender', '=', 'agent')
        .where('at', '>=', since)
        .execute(),
      this.db
        .selectFrom('ticket_history')
        .select(['ticket_id', 'at'])
        .where('actor', 'not in', NOT_AGENTS)
        .where('from_state', 'is not', null)
        .where('at', '>=', since)
        .execute(),
    ]);
    const first = new Map<number, string>();
    for (const r of [...lines, ...moves]) {
      const known = first.get(r.ticket_id);
      if (!known || r.at < known) first.set(r.ticket_id, r.at);
    }
    return first;
  }
}

function countOutcomes(outcomes: readonly ConversationOutcome[]): Record<ConversationOutcome, number> {
  const n = (k: ConversationOutcome) => outcomes.filter((o) => o === k).length;
  return {
    handedOff: n('handedOff'),
    abstained: n('abstained'),
    outOfScope: n('outOfScope'),
    contained: n('contained'),
  };
}

function csatOf(ratings: ReadonlyArray<number | null>): Csat {
  const given = ratings.filter((r): r is number => r !== null && r >= 1 && r <= 5);
  const distribution = [1, 2, 3, 4, 5].map((v) => given.filter((r) => r === v).length);
  const average = given.length ? Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 100) / 100 : null;
  return { count: given.length, average, distribution };
}

function parseCited(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
