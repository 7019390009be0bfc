import type { DlActivity } from '../directline/activity.js';
import type { ConversationStore } from '../directline/conversationStore.js';
import type { Citation, KnowledgeBase } from '../knowledge/types.js';
import type { Understanding } from '../understanding/understandMessage.js';
import { agentMoves } from '../tickets/ticketLifecycle.js';
import type { Ticket, TicketState } from '../tickets/ticketSchemas.js';
import type { HandoffSession, HandoffStore } from './handoffStore.js';

export interface QueueItem {
  conversationId: string;
  ticketNumber: string | null;
  reason: string | null;
  queuedAt: string;
  waitingSeconds: number;
  /** The customer's last message, as typed (the console shows it as text, never HTML). */
  lastCustomerText: string;
}

export interface Suggestion {
  text: string;
  citations: Citation[];
  confidence: number;
}

export interface ConversationDetail {
  session: HandoffSession;
  ticket: Ticket | null;
  allowedMoves: readonly TicketState[];
  lastCustomerText: string;
}

/** The user's messages in the conversation's recent log, newest last. */
export async function recentCustomerTexts(conversations: ConversationStore, conversationId: string, look = 40): Promise<string[]> {
  const conversation = await conversations.get(conversationId);
  if (!conversation) return [];
  const set = await conversations.after(conversationId, Math.max(0, conversation.lastSeq - look));
  return set.activities.filter(isCustomerMessage).map((a) => String(a.text));
}

function isCustomerMessage(activity: DlActivity): boolean {
  const from = activity.from;
  const role = typeof from === 'object' && from !== null && 'role' in from ? from.role : undefined;
  return activity.type === 'message' && role === 'user' && typeof activity.text === 'string' && activity.text.length > 0;
}

/** Read models for the agents' console. */
export class ConsoleViews {
  constructor(
    private readonly store: HandoffStore,
    private readonly conversations: ConversationStore,
    private readonly knowledge: KnowledgeBase,
    /** How the bot understands a message: only policy questions give suggestions. */
    private readonly understand: (text: string) => Understanding,
    private readonly loadTicket: (number: string) => Promise<Ticket>,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
      })),
    );
  }

  /** Session, ticket (report fields, coverage, transcript, notes, history) and legal state moves. */
  async detail(session: HandoffSession): Promise<ConversationDetail> {
    const ticket = session.ticketNumber ? await this.loadTicket(session.ticketNumber).catch(() => null) : null;
    return {
      session,
      ticket,
      allowedMoves: ticket ? agentMoves[ticket.state] : [],
      lastCustomerText: (await recentCustomerTexts(this.conversations, session.conversationId)).at(-1) ?? '',
    };
  }

  /**
   * Policy answers for the customer's last question, each with its verbatim citations, for the
   * agent to check and insert: the knowledge base's composed answer first, then top clauses.
   */
  async suggestions(conversationId: string): Promise<{ question: string; suggestions: Suggestion[] }> {
    const texts = (await recentCustomerTexts(this.conversations, conversationId)).slice(-6).reverse();
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
      const answer = this.knowledge.answer(question);
      const ranked = this.knowledge.rank(question, { limit: 3 });
      const suggestions: Suggestion[] = [];
      if (answer.kind !== 'unsure') suggestions.push({ text: answer.text, citations: answer.citations, confidence: answer.confidence });
      for (const r of ranked) {
        const citation = this.knowledge.cite(r.clause);
        if (!suggestions.some((s) => s.citations.some((c) => c.quote === citation.quote))) {
          suggestions.push({ text: `根据${citation.section}：“${citation.quote}”`, citations: [citation], confidence: Math.min(1, r.score) });
        }
      }
      if (suggestions.length > 0) return { question, suggestions: suggestions.slice(0, 4) };
    }
    return { question: '', suggestions: [] };
  }
}
