import type { TurnContext } from 'botbuilder';
import type { HandoffOutcome, HandoffRequest, HandoffRequester } from '../../dialogs/dependencies.js';
import type { AttachmentService } from '../attachments/AttachmentService.js';
import type { DlActivity } from '../directline/activity.js';
import type { DlConversation } from '../directline/conversationStore.js';
import type { ConversationOutbox } from '../directline/conversationOutbox.js';
import type { InboundRouter } from '../directline/directLineService.js';
import type { EventBus } from '../directline/eventBus.js';
import { AppError } from '../errors.js';
import type { TicketService } from '../tickets/TicketService.js';
import { isWithinHours, nextOpening, type BusinessHours } from './businessHours.js';
import type { HandoffSession, HandoffStore } from './handoffStore.js';
import { type HandoffWording } from './handoffWording.js';
import { parseRating } from './parseRating.js';
import type { QueueMetrics } from '../observability/metrics.js';
import { fillTemplate } from '../text/template.js';

/** Bus topic every agent console listens on. */
export const QUEUE_TOPIC = 'handoff:queue';
/** Queue changes: a customer queued, was taken, finished, went away, came back or left. */
export type QueueSignal = {
  event: 'queued' | 'accepted' | 'resolved' | 'away' | 'back' | 'left';
  conversationId: string;
};

export type HandoffTickets = Pick<
  TicketService,
  'get' | 'moveByAgent' | 'addComment' | 'appendTranscript' | 'rate' | 'listByConversation'
>;

export interface HandoffServiceDeps {
  store: HandoffStore;
  /** Posts into customers' conversations (agents' words, queue notices). */
  outbox: ConversationOutbox;
  tickets: HandoffTickets;
  bus: EventBus;
  hours: BusinessHours;
  wording: HandoffWording;
  /** Files the customer sends while an agent has the conversation join its ticket (issue 14). */
  attachments?: Pick<AttachmentService, 'fromActivity' | 'supplementTicket' | 'collectLooseFiles'>;
  now?: () => Date;
  /** Told how long each conversation an agent takes had waited. */
  metrics?: QueueMetrics;
}

/**
 * How an agent appears in the customer's chat: a person ("人工客服 · alice", wording from
 * knowledge/handoff), distinct from the bot by id and name.
 */
export function agentAccount(
  login: string,
  wording: Pick<HandoffWording, 'agentName'>,
): { id: string; name: string; role: string } {
  return { id: `agent:${login}`, name: fillTemplate(wording.agentName, { agent: login }), role: 'bot' };
}

/**
 * The live relay between a customer's conversation and an agent: queueing (the bot's
 * HandoffDialog calls requestHandoff), routing the customer's messages while an agent has the
 * conversation (the bot stays silent), the agent's replies, resolve and the rating afterwards.
 */
export class HandoffService implements HandoffRequester, InboundRouter {
  private readonly now: () => Date;

  constructor(private readonly deps: HandoffServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Queues the conversation (its ticket already created/updated by the dialog) and says what happens next. */
  async requestHandoff(request: HandoffRequest, _context?: TurnContext): Promise<HandoffOutcome> {
    const { store, wording, hours } = this.deps;
    const ticket = request.ticketNumber;
    // Conversations not on our Direct Line (e.g. the Emulator) cannot be relayed live.
    const live = await this.deps.outbox.store.get(request.conversationId);
    // Files the customer sent that are on no ticket yet (e.g. a report left for a human) go to the agent's.
    await this.deps.attachments?.collectLooseFiles(request.ticketNumber, request.conversationId);
    const now = this.now();
    if (!isWithinHours(hours, now)) {
      if (live) await this.queue(request);
      return {
        notice: fillTemplate(wording.outOfHours, { hours: hours.label, nextOpen: nextOpening(hours, now), ticket }),
      };
    }
    if (!live) return { notice: fillTemplate(wording.noAgentOnline, { position: 1, ticket }) };
    const session = await this.queue(request);
    if (session.state === 'agent')
      return { notice: fillTemplate(wording.alreadyWithAgent, { agent: session.agentLogin ?? '' }) };
    const position = await store.position(session);
    const online = await store.agentsOnline();
    return { notice: fillTemplate(online > 0 ? wording.queued : wording.noAgentOnline, { position, ticket }) };
  }

  private async queue(request: HandoffRequest): Promise<HandoffSession> {
    const session = await this.deps.store.enqueue(request.conversationId, request.ticketNumber, request.reason);
    if (session.state === 'queued') await this.signal({ event: 'queued', conversationId: request.conversationId });
    return session;
  }

  /** The queue's length and its oldest entry (metrics). */
  async queueStats(): Promise<{ length: number; oldestQueuedAt: string | null }> {
    return this.deps.store.queueStats();
  }

  /** Customer activities: to the agent while one has the conversation; a pending rating is taken here. */
  async route(conversation: DlConversation, activity: DlActivity): Promise<'bot' | 'handled'> {
    const session = await this.deps.store.get(conversation.id);
    if (!session) return 'bot';
    const text = typeof activity.text === 'string' ? activity.text : '';
    if (session.state === 'agent') {
      if (activity.type === 'message' && text && session.ticketNumber) {
        await this.deps.tickets.appendTranscript(session.ticketNumber, [
          { from: 'customer', text, at: this.now().toISOString() },
        ]);
      }
      // Files go on the ticket the agent is working on (a 待补充 one is re-submitted); the agent is told live.
      const { attachments } = this.deps;
      if (attachments && session.ticketNumber) {
        const files = await attachments.fromActivity(conversation.id, activity);
        if (files.length) await attachments.supplementTicket(session.ticketNumber, conversation.id, files);
      }
      return 'handled';
    }
    if (session.state === 'resolved' && session.awaitingRating && activity.type === 'message') {
      const rating = parseRating(text);
      await this.deps.store.finishRating(conversation.id);
      if (!rating.ok || !session.ticketNumber) return 'bot';
      await this.deps.tickets.rate(session.ticketNumber, rating.value);
      await this.deps.outbox.post(conversation.id, [
        { type: 'message', text: fillTemplate(this.deps.wording.ratingThanks, { rating: rating.value }) },
      ]);
      return 'handled';
    }
    return 'bot';
  }

  /** An agent takes a queued conversation; 409 if it is no longer queued. */
  async accept(conversationId: string, login: string): Promise<HandoffSession> {
    if (!(await this.deps.store.accept(conversationId, login)))
      throw new AppError('conflict', '该会话已不在排队中（可能已被其他客服接入）。', { conversationId });
    const session = await this.mustGet(conversationId);
    if (session.queuedAt && session.acceptedAt)
      this.deps.metrics?.recordQueueWait(
        Math.max(0, (Date.parse(session.acceptedAt) - Date.parse(session.queuedAt)) / 1000),
      );
    if (session.ticketNumber) {
      const ticket = await this.deps.tickets.get(session.ticketNumber);
      // Accepting is the agent starting work: 未处理 -> 处理中, as the policy's states describe.
      if (ticket.state === '未处理')
        await this.deps.tickets.moveByAgent(ticket.number, '处理中', login, '客服接入会话');
    }
    await this.deps.outbox.post(conversationId, [
      {
        type: 'message',
        text: fillTemplate(this.deps.wording.agentJoined, { agent: login }),
        textFormat: 'plain',
        from: this.accountOf(login),
      },
    ]);
    await this.signal({ event: 'accepted', conversationId });
    await this.tellQueueMoved(session.queuedAt);
    return session;
  }

  /**
   * Places changed behind the customer queued at `since` (they were taken, went away or came
   * back): tell each present customer from there on their place.
   */
  async tellQueueMoved(since: string | null): Promise<void> {
    // Away customers are not told (nobody is there) and do not count in others' places.
    const queue = (await this.deps.store.queue()).filter((session) => session.awayAt === null);
    const text = (position: number) => fillTemplate(this.deps.wording.queueMoved, { position });
    await Promise.all(
      queue.map(async (session, index) => {
        if (since === null || (session.queuedAt ?? '') >= since)
          await this.deps.outbox.post(session.conversationId, [
            { type: 'message', text: text(index + 1), textFormat: 'plain' },
          ]);
      }),
    );
  }

  /** The sender the customer's chat shows for this agent. */
  accountOf(login: string): { id: string; name: string; role: string } {
    return agentAccount(login, this.deps.wording);
  }

  /** The agent's message to the customer (also kept in the ticket's transcript). */
  async say(conversationId: string, login: string, text: string): Promise<DlActivity> {
    const session = await this.heldBy(conversationId, login);
    const [sent] = await this.deps.outbox.post(conversationId, [
      { type: 'message', text, textFormat: 'plain', from: this.accountOf(login) },
    ]);
    if (session.ticketNumber)
      await this.deps.tickets.appendTranscript(session.ticketNumber, [
        { from: 'agent', text, at: this.now().toISOString() },
      ]);
    if (!sent) throw new Error('message not stored');
    return sent;
  }

  /** Shows the agent typing in the customer's chat. */
  async typing(conversationId: string, login: string): Promise<void> {
    await this.heldBy(conversationId, login);
    await this.deps.outbox.typing(conversationId, this.accountOf(login));
  }

  /** Ends the agent's part: the bot takes back and asks for a 1–5 rating. */
  async resolve(conversationId: string, login: string): Promise<void> {
    if (!(await this.deps.store.resolve(conversationId, login)))
      throw new AppError('conflict', '只能结束您正在服务的会话。', { conversationId });
    const { wording } = this.deps;
    await this.deps.outbox.post(conversationId, [
      { type: 'message', text: wording.resolved, textFormat: 'plain', from: this.accountOf(login) },
      {
        type: 'message',
        text: wording.askRating,
        textFormat: 'plain',
        suggestedActions: {
          to: [],
          actions: wording.ratingChoices.map((value) => ({ type: 'imBack', title: value, value })),
        },
      },
    ]);
    await this.signal({ event: 'resolved', conversationId });
  }

  /** The session, only if this agent has it (403 otherwise). */
  async heldBy(conversationId: string, login: string): Promise<HandoffSession> {
    const session = await this.mustGet(conversationId);
    if (session.state !== 'agent' || session.agentLogin !== login)
      throw new AppError('forbidden', '该会话不在您的服务中。', { conversationId });
    return session;
  }

  /** Whether an agent may see a conversation: it waits in the queue, or they have or had it. */
  async visibleTo(conversationId: string, login: string): Promise<boolean> {
    const session = await this.deps.store.get(conversationId);
    return session !== undefined && (session.state === 'queued' || session.agentLogin === login);
  }

  /** The session, if the agent may see it (visibleTo); 404 otherwise, as for one that does not exist. */
  async mustSee(conversationId: string, login: string): Promise<HandoffSession> {
    const session = await this.mustGet(conversationId);
    if (session.state !== 'queued' && session.agentLogin !== login)
      throw new AppError('not_found', '没有这个转人工会话。', { conversationId });
    return session;
  }

  async mustGet(conversationId: string): Promise<HandoffSession> {
    const session = await this.deps.store.get(conversationId);
    if (!session) throw new AppError('not_found', '没有这个转人工会话。', { conversationId });
    return session;
  }

  private async signal(signal: QueueSignal): Promise<void> {
    await this.deps.bus.publish(QUEUE_TOPIC, signal);
  }
}
