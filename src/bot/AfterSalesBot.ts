import { ActivityHandler, type Activity, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from '../../dialogs/botbuilderDialogs.js';
import { newMemory } from '../../dialogs/conversationMemory.js';
import type { TranscriptLine } from '../../dialogs/dependencies.js';
import type { DialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { MainDialog } from '../../dialogs/MainDialog.js';
import { MessageFactory } from 'botbuilder';
import type { BotStates } from './botState.js';
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
 * Lets the live relay take a turn (e.g. while an agent has the conversation). Returning true
 * means the turn was handled there and the bot stays silent.
 */
export type TurnInterceptor = (context: TurnContext) => Promise<boolean>;

/**
 * The bot: welcomes once per conversation (membersAdded or the webchat/join event), keeps a
 * transcript for tickets, and runs MainDialog for every message. State is saved after each turn.
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
      if (this.interceptor && (await this.interceptor(context))) noteTurnOutcome(context, { intent: 'live_agent', outcome: 'handoff' });
      else await this.runDialogs(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    sendAsPlainText(context);
    await this.recordTranscript(context);
    await super.run(context);
    await this.states.conversationState.saveChanges(context);
    await this.states.userState.saveChanges(context);
    if (context.activity.type === 'message') this.metrics?.recordTurn({ ...(turnOutcomeOf(context) ?? IN_DIALOG), latencyMs: performance.now() - started });
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

  /** Customer messages and the bot's replies go into the transcript a ticket will carry. */
  private async recordTranscript(context: TurnContext): Promise<void> {
    const lines = await this.states.transcript.get(context, []);
    const add = (line: TranscriptLine) => {
      lines.push({ ...line, text: line.text.slice(0, MAX_LINE) });
      if (lines.length > MAX_TRANSCRIPT_LINES) lines.splice(0, lines.length - MAX_TRANSCRIPT_LINES);
    };
    const { activity } = context;
    if (activity.type === 'message' && activity.text) add({ from: 'customer', text: activity.text, at: new Date().toISOString() });
    context.onSendActivities(async (_ctx, sent: Partial<Activity>[], next) => {
      for (const a of sent) if (a.type === 'message' && a.text) add({ from: 'bot', text: a.text, at: new Date().toISOString() });
      return next();
    });
  }
}
