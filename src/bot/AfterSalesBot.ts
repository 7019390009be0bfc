import { ActivityHandler, type Activity, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from '../../dialogs/botbuilderDialogs.js';
import { newMemory } from '../../dialogs/conversationMemory.js';
import type { TranscriptLine } from '../../dialogs/dependencies.js';
import type { DialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { MainDialog } from '../../dialogs/MainDialog.js';
import { MessageFactory } from 'botbuilder';
import { AppError } from '../errors.js';
import type { BotStates } from './botState.js';
import { journalKey, remember, replayable } from './turnJournal.js';
import { noteTurnOutcome, turnOutcomeOf, type TurnOutcomeNote } from '../../dialogs/turnOutcome.js';
import type { TurnMetrics } from '../observability/metrics.js';

/** A message answered inside a running dialog (a form step, a follow-up) notes nothing itself. */
const IN_DIALOG: TurnOutcomeNote = { intent: 'in_dialog', outcome: 'answered' };

/** The event Web Chat's host page sends when it joins (Direct Line, issue 5). */
export const JOIN_EVENT = 'webchat/join';
/** The transcript kept in conversation state for tickets; older lines drop off. */
const MAX_TRANSCRIPT_LINES = 100;
const MAX_LINE = 2000;

/**
 * Replies are line-structured plain text with verbatim policy quotes: as Markdown, Web Chat
 * would run the lines together and turn "7*24" or a quoted "[提交工单](…)" into formatting.
 */
function sendAsPlainText(context: TurnContext): void {
  context.onSendActivities(async (_ctx, sent: Partial<Activity>[], next) => {
    for (const a of sent) if (a.type === 'message' && !a.textFormat) a.textFormat = 'plain';
    return next();
  });
}

/**
 * A turn that lost a state race runs again on fresh state, this many times in all, then
 * apologises. Turns of a conversation are normally serialised (src/turns): races are the
 * exception (a lock that could not be had), so a few attempts with a little jitter suffice.
 */
const MAX_ATTEMPTS = 5;
const RETRY_JITTER_MS = 30;

/** The stored state changed under this turn (another turn of the conversation saved first). */
function lostRace(error: unknown): boolean {
  return error instanceof AppError && error.code === 'conflict';
}

/**
 * Lets the live relay take a turn (e.g. while an agent has the conversation). Returning true
 * means the turn was handled there and the bot stays silent.
 */
export type TurnInterceptor = (context: TurnContext) => Promise<boolean>;

/**
 * The bot: welcomes once per conversation (membersAdded or the webchat/join event), keeps a
 * transcript for tickets, and runs MainDialog for every message. State is saved after each
 * turn, together with a journal of the last turns' replies (see run).
 */
export class AfterSalesBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly states: BotStates,
    private readonly mainDialog: MainDialog,
    private readonly texts: DialogKnowledge,
    private readonly interceptor?: TurnInterceptor,
    private readonly metrics?: TurnMetrics,
  ) {
    super();
    this.dialogs = new DialogSet(states.dialogState).add(mainDialog);
    this.onMembersAdded(async (context, next) => {
      const humans = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient.id);
      if (humans.length > 0) await this.welcomeOnce(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === JOIN_EVENT) await this.welcomeOnce(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      if (this.interceptor && (await this.interceptor(context)))
        noteTurnOutcome(context, { intent: 'live_agent', outcome: 'handoff' });
      else await this.runDialogs(context);
      await next();
    });
  }

  /**
   * One turn, exactly once per activity id: a redelivered activity gets the replies recorded
   * with the state its first delivery saved, and no second turn. State saves are
   * compare-and-set; a turn that loses a race to another turn of the conversation runs again
   * on the winner's state when its replies are still buffered (Direct Line, expectReplies),
   * and otherwise fails to onTurnError, which apologises.
   */
  override async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    const key = journalKey(context.activity);
    const said = this.watchReplies(context);
    for (let attempt = 1; ; attempt += 1) {
      const earlier = key
        ? (await this.states.journal.get(context, [])).find((entry) => entry.activityId === key)
        : undefined;
      if (earlier) {
        if (earlier.replies.length > 0) await context.sendActivities(earlier.replies);
        return;
      }
      said.length = 0;
      try {
        await this.runOnce(context, key, said);
        if (context.activity.type === 'message') {
          const replies = said.flatMap((a) => (a.type === 'message' && a.text ? [a.text] : []));
          await this.metrics?.recordTurn({
            ...(turnOutcomeOf(context) ?? IN_DIALOG),
            latencyMs: performance.now() - started,
            conversationId: context.activity.conversation?.id,
            replies,
          });
        }
        return;
      } catch (error) {
        if (!lostRace(error) || attempt >= MAX_ATTEMPTS || context.activity.deliveryMode !== 'expectReplies')
          throw error;
        context.bufferedReplyActivities.splice(0);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS));
        await this.states.conversationState.load(context, true);
        if (this.states.userState.get(context)) await this.states.userState.load(context, true);
      }
    }
  }

  private async runOnce(context: TurnContext, key: string | undefined, said: Partial<Activity>[]): Promise<void> {
    await this.recordCustomerLine(context);
    await super.run(context);
    if (key)
      remember(
        await this.states.journal.get(context, []),
        key,
        said.flatMap((a) => replayable(a) ?? []),
      );
    // User state first: if the conversation's save then loses a race, the turn runs again and
    // writes the same profile; the other order could keep a profile from a discarded turn.
    await this.states.userState.saveChanges(context);
    await this.states.conversationState.saveChanges(context);
  }

  private async runDialogs(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.mainDialog.id);
  }

  private async welcomeOnce(context: TurnContext): Promise<void> {
    const memory = await this.states.memory.get(context, newMemory());
    if (memory.welcomed) return;
    memory.welcomed = true;
    const { welcome, welcomeActions } = this.texts.wording;
    await context.sendActivity(MessageFactory.suggestedActions(welcomeActions, welcome));
  }

  /** The customer's message goes into the transcript a ticket will carry. */
  private async recordCustomerLine(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type === 'message' && activity.text)
      await this.addTranscriptLine(context, { from: 'customer', text: activity.text, at: new Date().toISOString() });
  }

  private async addTranscriptLine(context: TurnContext, line: TranscriptLine): Promise<void> {
    const lines = await this.states.transcript.get(context, []);
    lines.push({ ...line, text: line.text.slice(0, MAX_LINE) });
    if (lines.length > MAX_TRANSCRIPT_LINES) lines.splice(0, lines.length - MAX_TRANSCRIPT_LINES);
  }

  /**
   * Registered once per turn (a retried attempt reuses them): replies go out as plain text,
   * into the transcript of whatever state is loaded, and into the returned list for the journal.
   */
  private watchReplies(context: TurnContext): Partial<Activity>[] {
    const said: Partial<Activity>[] = [];
    sendAsPlainText(context);
    context.onSendActivities(async (_ctx, sent: Partial<Activity>[], next) => {
      for (const a of sent) {
        said.push(a);
        if (a.type === 'message' && a.text)
          await this.addTranscriptLine(context, { from: 'bot', text: a.text, at: new Date().toISOString() });
      }
      return next();
    });
    return said;
  }
}
