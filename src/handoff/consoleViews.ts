import type { DlActivity } from '../directline/activity.js';
import type { ConversationStore } from '../directline/conversationStore.js';
import type { Citation, KnowledgeBase, PolicyId } from '../knowledge/types.js';
import type { Understanding } from '../understanding/understandMessage.js';
import { AppError } from '../errors.js';
import { agentMoves } from '../tickets/ticketLifecycle.js';
import type { Ticket, TicketState, TicketSummary } from '../tickets/ticketSchemas.js';
import type { HandoffSession, HandoffStore } from './handoffStore.js';

export interface QueueItem {
  conversationId: string;
  ticketNumber: string | null;
  reason: string | null;
  queuedAt: string;
  waitingSeconds: number;
  /** The customer's last message, as typed (the console shows it as text, never HTML). */
  lastCustomerText: string;
  /** Marked away: their chat connection has been gone a while; they do not count in others' places. */
  away: boolean;
  /** When their chat connection went, if it did. */
  customerGoneAt: string | null;
}

export interface Suggestion {
  text: string;
  citations: Citation[];
  confidence: number;
}

export interface ConversationDetail {
  session: HandoffSession;
  /** The ticket shown: the one asked for, else the one the handoff is about. */
  ticket: Ticket | null;
  /** Every ticket the conversation opened, oldest first (the console links the others). */
  tickets: TicketSummary[];
  /** The ticket's coverage decision in words with its clauses quoted; null when it has none. */
  coverageText: string | null;
  allowedMoves: readonly TicketState[];
  lastCustomerText: string;
}

/** What the console's read models need besides the handoff store. */
export interface ConsoleViewsDeps {
  store: HandoffStore;
  conversations: ConversationStore;
  knowledge: KnowledgeBase;
  /** How the bot understands a message: only policy questions give suggestions. */
  understand: (text: string) => Understanding;
  loadTicket: (number: string) => Promise<Ticket>;
  /** The tickets a conversation opened, oldest first. */
  ticketsOf: (conversationId: string) => Promise<TicketSummary[]>;
  /** A stored coverage record in words (src/handoff/coverageWords.ts). */
  describeCoverage: (record: Record<string, unknown>) => string;
  now?: () => Date;
}

/** The user's messages in the conversation's recent log, newest last. */
export async function recentCustomerTexts(
  conversations: ConversationStore,
  conversationId: string,
  look = 40,
): Promise<string[]> {
  const conversation = await conversations.get(conversationId);
  if (!conversation) return [];
  const set = await conversations.after(conversationId, Math.max(0, conversation.lastSeq - look));
  return set.activities.filter(isCustomerMessage).map((a) => String(a.text));
}

function isCustomerMessage(activity: DlActivity): boolean {
  const from = activity.from;
  const role = typeof from === 'object' && from !== null && 'role' in from ? from.role : undefined;
  return (
    activity.type === 'message' && role === 'user' && typeof activity.text === 'string' && activity.text.length > 0
  );
}

/** Read models for the agents' console. */
export class ConsoleViews {
  private readonly store: HandoffStore;
  private readonly conversations: ConversationStore;
  private readonly knowledge: KnowledgeBase;
  private readonly understand: (text: string) => Understanding;
  private readonly now: () => Date;

  constructor(private readonly deps: ConsoleViewsDeps) {
    this.store = deps.store;
    this.conversations = deps.conversations;
    this.knowledge = deps.knowledge;
    this.understand = deps.understand;
    this.now = deps.now ?? (() => new Date());
  }

  /** The queue, oldest first, with how long each has waited. */
  async queue(): Promise<QueueItem[]> {
    const sessions = await this.store.queue();
    const now = this.now().getTime();
    return Promise.all(
      sessions.map(async (s) => ({
        conversationId: s.conversationId,
        ticketNumber: s.ticketNumber,
        reason: s.reason,
        queuedAt: s.queuedAt ?? '',
        waitingSeconds: Math.max(0, Math.round((now - Date.parse(s.queuedAt ?? '')) / 1000)),
        lastCustomerText: (await recentCustomerTexts(this.conversations, s.conversationId)).at(-1) ?? '',
        away: s.awayAt !== null,
        customerGoneAt: s.customerGoneAt,
      })),
    );
  }

  /**
   * Session, ticket (report fields, coverage in words, transcript, notes, history), the
   * conversation's other tickets and legal state moves. `ticketNumber` picks another of the
   * conversation's tickets; one of another conversation is not found.
   */
  async detail(session: HandoffSession, ticketNumber?: string): Promise<ConversationDetail> {
    const tickets = await this.deps.ticketsOf(session.conversationId);
    const wanted = ticketNumber ?? session.ticketNumber;
    if (ticketNumber && !tickets.some((t) => t.number === ticketNumber))
      throw new AppError('not_found', '该会话没有这个工单。', { ticketNumber });
    const ticket = wanted ? await this.deps.loadTicket(wanted).catch(() => null) : null;
    return {
      session,
      ticket,
      tickets,
      coverageText: ticket?.coverage ? this.deps.describeCoverage(ticket.coverage) : null,
      allowedMoves: ticket ? agentMoves[ticket.state] : [],
      lastCustomerText: (await recentCustomerTexts(this.conversations, session.conversationId)).at(-1) ?? '',
    };
  }

  /**
   * The policy a ticket is under. A repair report or a coverage decision settled it; a bare
   * handoff ticket carries the dialog's default unless the customer named one, so there the
   * customer's own words (newest first) count first.
   */
  private policyOf(ticket: Ticket, newestFirst: string[]): PolicyId {
    if (ticket.origin === 'repair_report' || ticket.coverage) return ticket.policy;
    for (const text of newestFirst) {
      const named = this.knowledge.attributePolicy(text);
      if (named) return named;
    }
    return ticket.policy;
  }

  /**
   * Policy answers for the customer's last question, each with its verbatim citations, for the
   * agent to check and insert: the knowledge base's composed answer first, then top clauses.
   * With a ticket, only its policy's clauses: the other policy's terms (or its hotline) would
   * be wrong advice for this customer.
   */
  async suggestions(
    session: HandoffSession,
  ): Promise<{ question: string; policy: PolicyId | null; suggestions: Suggestion[] }> {
    const ticket = session.ticketNumber ? await this.deps.loadTicket(session.ticketNumber).catch(() => null) : null;
    const texts = (await recentCustomerTexts(this.conversations, session.conversationId)).slice(-6).reverse();
    const policy = ticket ? this.policyOf(ticket, texts) : undefined;
    // The newest message may be "转人工" or "好的": take the message the knowledge base answers
    // best, newer ones slightly preferred; else the newest that ranks any clause.
    let answered: string | undefined;
    let best = 0;
    texts.forEach((text, age) => {
      const { prediction, answer } = this.understand(text);
      const usable = prediction.intent === 'policy_question' && answer !== undefined && answer.kind !== 'unsure';
      const score = usable ? answer.confidence - 0.05 * age : 0;
      if (score > best) [answered, best] = [text, score];
    });
    for (const question of answered ? [answered] : texts) {
      const answer = this.knowledge.answer(question, policy ? { policy } : {});
      const ranked = this.knowledge.rank(question, { limit: 3, ...(policy ? { policy } : {}) });
      const suggestions: Suggestion[] = [];
      const fits = (citations: Citation[]) => !policy || citations.every((c) => c.policy === policy);
      if (answer.kind !== 'unsure' && fits(answer.citations))
        suggestions.push({ text: answer.text, citations: answer.citations, confidence: answer.confidence });
      for (const r of ranked) {
        const citation = this.knowledge.cite(r.clause);
        if (fits([citation]) && !suggestions.some((s) => s.citations.some((c) => c.quote === citation.quote))) {
          suggestions.push({
            text: `根据${citation.section}：“${citation.quote}”`,
            citations: [citation],
            confidence: Math.min(1, r.score),
          });
        }
      }
      if (suggestions.length > 0) return { question, policy: policy ?? null, suggestions: suggestions.slice(0, 4) };
    }
    return { question: '', policy: policy ?? null, suggestions: [] };
  }
}
