import { MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { contactFieldKeys, type ContactProfile, type DialogDependencies, type PolicyId, type RepairReport } from './dependencies.js';
import { fill } from './dialogKnowledge.js';
import { applyValues, nextField, summaryText, withDraft, type FormState } from './repairForm.js';
import { extractSlots, leftoverDescription } from './repairSlots.js';
import { creationKey } from './creationKey.js';
import { citationText, policyTitle, recognizePolicy, sendAnswer } from './replies.js';
import { formInterruption } from './formInterruptions.js';
import { looksLikeQuestion, recognizeYesNo } from './zhYesNo.js';

export const REPAIR_REPORT_DIALOG = 'RepairReportDialog';
const LOOP = 'repairLoop';
const TEXT = 'repairText';

export interface RepairReportOptions {
  /** The message that started the report; its values are taken straight away. */
  initialText?: string;
  prefill?: RepairReport;
  policy?: PolicyId;
  coverage?: Record<string, unknown>;
}

export type RepairReportResult =
  | { outcome: 'created'; ticketNumber: string; policy: PolicyId }
  | { outcome: 'cancelled' }
  | { outcome: 'handoff'; report: RepairReport; policy?: PolicyId };

/**
 * Collects the six items of the policy's 报修信息 as a slot-filling loop: several values per
 * message, zod validation with specific re-asks, corrections at any time, policy questions
 * answered mid-form, cancel words, and a summary to confirm before the ticket is created.
 */
export class RepairReportDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDependencies,
    private readonly profile?: StatePropertyAccessor<ContactProfile>,
  ) {
    super(REPAIR_REPORT_DIALOG);
    this.addDialog(new TextPrompt(TEXT));
    this.addDialog(new WaterfallDialog<FormState>(LOOP, [this.ask.bind(this), this.handle.bind(this)]));
    this.initialDialogId = LOOP;
  }

  protected override async onBeginDialog(dc: DialogContext, options?: RepairReportOptions): Promise<DialogTurnResult> {
    const { texts } = this.deps;
    const state: FormState = { report: {}, asked: [], stage: 'filling', policy: options?.policy, coverage: options?.coverage, ticketKey: creationKey(dc.context, 'repair') };
    // Contact details from the customer's last report come first, so anything said now overrides them.
    const remembered = this.profile ? await this.profile.get(dc.context, {}) : {};
    applyValues(state, remembered, texts);
    // A description from a coverage check is only a draft: the customer is still asked for details.
    const { description: draft, ...prefilled } = options?.prefill ?? {};
    state.draft = draft;
    const found: RepairReport = { ...prefilled };
    if (options?.initialText) {
      const first = extractSlots(options.initialText, texts.form, texts.vocab);
      Object.assign(found, first.values);
      // Unlabelled fault text in the first message is its description when it names a symptom.
      const leftover = leftoverDescription(first.rest, texts.form, texts.vocab);
      if (leftover && this.deps.matcher.match(leftover).cues?.includes('symptom')) found.description ??= leftover;
      state.policy ??= recognizePolicy(options.initialText, texts);
    }
    const { recorded } = applyValues(state, found, texts);
    // The list of items is the policy's 报修信息; the customer sees where it comes from.
    const { policy, section, containing } = texts.vocab.reportItemsClause;
    const clause = this.deps.knowledge.findClause(policy, section, containing);
    const cited = clause ? citationText([this.deps.knowledge.cite(clause)], this.deps.knowledge, texts) : '';
    const lines = [texts.wording.repair.start, ...(cited ? [cited] : [])];
    if (recorded.length) lines.push(fill(texts.wording.repair.recorded, { fields: recorded.join('、') }));
    const reused = contactFieldKeys.filter((key) => remembered[key] !== undefined && state.report[key] !== undefined);
    if (reused.length) {
      const title = (key: string) => texts.form.find((f) => f.key === key)?.title ?? key;
      const fields = reused.map((key) => `${title(key)} ${state.report[key] ?? ''}`).join('、');
      lines.push(fill(texts.wording.repair.profileUsed, { fields }));
    }
    await dc.context.sendActivity(lines.join('\n'));
    return dc.beginDialog(LOOP, state);
  }

  private async ask(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    const { wording, vocab, form } = this.deps.texts;
    const field = nextField(state, form);
    let prompt;
    if (field) {
      const retry = state.stage === 'filling' && state.expected === field.key ? state.reprompt : undefined;
      Object.assign(state, { stage: 'filling', expected: field.key, reprompt: undefined });
      const question = field.key === 'description' && state.draft ? fill(wording.repair.describeMore, { draft: state.draft }) : field.question;
      prompt = MessageFactory.text(retry ?? question);
    } else if (!state.policy) {
      const text = state.stage === 'policy' && state.reprompt ? state.reprompt : wording.repair.askPolicy;
      Object.assign(state, { stage: 'policy', expected: undefined, reprompt: undefined });
      prompt = MessageFactory.suggestedActions(Object.values(vocab.policyChoices), text);
    } else {
      const retry = state.stage === 'summary' ? state.reprompt : undefined;
      Object.assign(state, { stage: 'summary', expected: undefined, reprompt: undefined });
      const text = retry ?? summaryText(state, this.deps.texts, policyTitle(this.deps.knowledge, state.policy));
      prompt = MessageFactory.suggestedActions(wording.repair.summaryActions, text);
    }
    return step.prompt(TEXT, { prompt });
  }

  private async handle(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    const { texts, matcher, knowledge } = this.deps;
    const { wording, vocab, form } = texts;
    const text = typeof step.result === 'string' ? step.result : '';
    const loop = () => step.replaceDialog(LOOP, state);

    const prediction = matcher.match(text);
    const confident = prediction.confidence >= vocab.routing.routeConfidence;
    const interruption = formInterruption(text, state, prediction, texts);
    if (interruption?.kind === 'cancel') {
      await step.context.sendActivity(wording.cancelled);
      return step.endDialog({ outcome: 'cancelled' } satisfies RepairReportResult);
    }
    if (interruption?.kind === 'handoff') {
      await step.context.sendActivity(wording.repair.handoffQuit);
      const result: RepairReportResult = { outcome: 'handoff', report: state.report, policy: state.policy };
      return step.endDialog(result);
    }
    const expected = state.stage === 'filling' ? state.expected : undefined;
    if (interruption?.kind === 'skip' && expected) state.asked.push(expected);
    if (interruption?.kind === 'reask') {
      state.reprompt = interruption.reprompt;
      if (interruption.say) await step.context.sendActivity(interruption.say);
    }
    if (interruption) return loop();
    const labelledOnly = extractSlots(text, form, vocab);
    if (labelledOnly.labelled.length === 0 && looksLikeQuestion(text, vocab) && prediction.intent === 'policy_question' && confident) {
      // A policy question mid-form: answer it, then pick up where we were.
      await sendAnswer(step.context, knowledge.answer(text, { policy: state.policy }), texts);
      await step.context.sendActivity(wording.repair.resume);
      return loop();
    }
    if (state.stage === 'policy') {
      state.policy = recognizePolicy(text, texts);
      if (!state.policy) state.reprompt = wording.repair.policyHint;
      return loop();
    }
    const found = state.stage === 'summary' ? labelledOnly : extractSlots(text, form, vocab, expected);
    if (Object.keys(found.values).length === 0 && state.stage === 'summary') {
      return this.confirm(step, state, text);
    }
    state.policy ??= recognizePolicy(text, texts);
    const { recorded, rejected } = applyValues(state, withDraft(state, found.values, text, texts), texts);
    if (expected) {
      if (!state.asked.includes(expected)) state.asked.push(expected);
      state.reprompt = rejected[expected];
      delete rejected[expected];
    }
    const notes = [...(recorded.length ? [fill(wording.repair.recorded, { fields: recorded.join('、') })] : []), ...Object.values(rejected)];
    if (notes.length) await step.context.sendActivity(notes.join('\n'));
    return loop();
  }

  private async confirm(step: WaterfallStepContext<FormState>, state: FormState, text: string): Promise<DialogTurnResult> {
    const { wording, vocab } = this.deps.texts;
    const answer = recognizeYesNo(text, vocab);
    if (!answer.ok || !answer.value) {
      state.reprompt = answer.ok ? wording.repair.askWhichToFix : wording.repair.summaryFooter;
      return step.replaceDialog(LOOP, state);
    }
    const policy = state.policy ?? 'standard-service';
    const ticket = await this.deps.tickets.create({
      // A confirm run again (redelivered, or after a crash before the state was saved) finds this ticket.
      idempotencyKey: state.ticketKey ?? creationKey(step.context, 'repair'),
      policy,
      report: state.report,
      coverage: state.coverage,
      transcript: await this.deps.transcript(step.context),
      conversationId: step.context.activity.conversation.id,
      origin: 'repair_report',
    });
    await sendCreated(step.context, ticket.number, wording.repair.created, wording.repair.responsePromise);
    if (this.profile) {
      const contact: ContactProfile = {};
      for (const key of contactFieldKeys) if (state.report[key]) contact[key] = state.report[key];
      await this.profile.set(step.context, contact);
    }
    const result: RepairReportResult = { outcome: 'created', ticketNumber: ticket.number, policy };
    return step.endDialog(result);
  }
}

async function sendCreated(context: TurnContext, number: string, created: string, promise: string): Promise<void> {
  await context.sendActivity([fill(created, { number }), promise].join('\n'));
}
