import { MessageFactory } from 'botbuilder';
import type { DialogContext, DialogTurnResult, WaterfallStepContext } from './botbuilderDialogs.js';
import { ConversationDialog } from './conversationDialog.js';
import type { CoverageFacts, DialogDependencies, PolicyId, RepairReport } from './dependencies.js';

import { nextMissing, reportItemsIn, takeFactAnswer, type AskableFact, type CoverageCheck } from './coverageCheck.js';
import { decisionText, repairPrefill } from './coverageText.js';
import { policyFromModel, recognizePolicy } from './replies.js';
import { fieldWithRole } from './form/formDefinition.js';
import { ZhConfirmPrompt } from './ZhConfirmPrompt.js';
import { isCancel } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

export const COVERAGE_DIALOG = 'CoverageDialog';
const CONFIRM = 'coverageConfirm';
/** Passed on by askMissingFactStep when the engine lacks nothing more it may ask: no answer to read. */
const allFactsKnown = Symbol('allFactsKnown');

export interface CoverageOptions {
  initialText?: string;
  facts?: CoverageFacts;
}

export interface CoverageResult {
  startRepair: boolean;
  policy?: PolicyId;
  prefill: RepairReport;
  coverage?: Record<string, unknown>;
  /** A reply to the repair offer that was neither yes nor no, to be routed afresh. */
  followUp?: string;
}

/**
 * Decides coverage with the coverage engine: asks only for the facts it still lacks, gives the
 * decision with its citations, then offers a repair report pre-filled with what it knows.
 */
export class CoverageDialog extends ConversationDialog<CoverageOptions, CoverageCheck> {
  constructor(private readonly deps: DialogDependencies) {
    super(COVERAGE_DIALOG);
    // Any reply ends the offer: one that is not a yes or no goes back to the router (see finishStep).
    this.addDialog(new ZhConfirmPrompt(CONFIRM, deps.texts.vocab, async () => true));
    this.steps(
      this.askMissingFactStep.bind(this),
      this.readFactStep.bind(this),
      this.decideStep.bind(this),
      this.offerRepairStep.bind(this),
      this.finishStep.bind(this),
    );
  }

  /** "我来帮您判断是否在保", with the facts the first message (and the conversation) already gave. */
  protected override async firstState(dc: DialogContext, options?: CoverageOptions): Promise<CoverageCheck> {
    const text = options?.initialText ?? '';
    const { texts } = this.deps;
    // "我的R7100…" names the product by its model: 融科联创's R-series needs no "which product?".
    const said = reportItemsIn(text, texts);
    const model = said[fieldWithRole(texts.form, 'productModel')?.key ?? ''];
    const policy = recognizePolicy(text, texts) ?? policyFromModel(model, texts) ?? options?.facts?.policy;
    const known: CoverageFacts = { ...(options?.facts ?? {}), ...(policy ? { policy } : {}) };
    const { facts, extraction } = this.deps.coverage.assess(text, this.deps.today(), known);
    await dc.context.sendActivity(this.deps.texts.wording.coverage.start);
    return { facts, attempts: {}, skipped: [], said, evidence: extraction.evidence };
  }

  /** Asks the next fact the engine lacks (the product with its choices); none left, on to the decision. */
  private async askMissingFactStep(step: WaterfallStepContext<CoverageCheck>): Promise<DialogTurnResult> {
    const check = step.options;
    const field = nextMissing(check, this.deps);
    if (!field) return step.next(allFactsKnown);
    const text = check.asking === field && check.reprompt ? check.reprompt : this.question(field);
    Object.assign(check, { asking: field, reprompt: undefined });
    const choices = Object.values(this.deps.texts.vocab.policyChoices);
    const prompt = field === 'policy' ? MessageFactory.suggestedActions(choices, text) : MessageFactory.text(text);
    return this.ask(step, prompt);
  }

  /**
   * Takes the answer with whatever other facts it brings, and asks again: the next fact, or the
   * same one re-worded; "不知道" or too many misses give the fact up.
   */
  private async readFactStep(step: WaterfallStepContext<CoverageCheck>): Promise<DialogTurnResult> {
    if (step.result === allFactsKnown) return step.next();
    const check = step.options;
    const { texts } = this.deps;
    const text = typeof step.result === 'string' ? step.result : '';
    const field = check.asking;
    if (isCancel(text, texts.vocab)) {
      await step.context.sendActivity(texts.wording.cancelled);
      return step.endDialog({ startRepair: false, prefill: {} } satisfies CoverageResult);
    }
    if (!field) return this.repeat(step);
    const taken = takeFactAnswer(check, field, text, this.deps);
    if (taken !== 'learned') {
      const attempts = (check.attempts[field] ?? 0) + 1;
      check.attempts[field] = attempts;
      if (taken === 'skipped' || attempts >= texts.vocab.routing.factAttempts) {
        check.skipped.push(field);
        await step.context.sendActivity(texts.wording.coverage.factUnknown);
      } else {
        check.reprompt = fillTemplate(texts.wording.coverage.notRecognized, { question: this.question(field) });
      }
    }
    return this.repeat(step);
  }

  /** Gives the decision with its citations and the customer's words behind it. */
  private async decideStep(step: WaterfallStepContext<CoverageCheck>): Promise<DialogTurnResult> {
    const { decision } = this.assess(step.options);
    await step.context.sendActivity(decisionText(decision, this.deps.knowledge, this.deps.texts));
    return step.next();
  }

  /** "需要帮您提交报修吗？" */
  private async offerRepairStep(step: WaterfallStepContext<CoverageCheck>): Promise<DialogTurnResult> {
    return step.prompt(CONFIRM, { prompt: this.deps.texts.wording.coverage.offerRepair });
  }

  /** A yes leads into a report pre-filled with what the check learned; a no ends here. */
  private async finishStep(step: WaterfallStepContext<CoverageCheck>): Promise<DialogTurnResult> {
    const { facts, evidence = [] } = step.options;
    if (typeof step.result !== 'boolean') {
      // Neither yes nor no ("那上门要多久？"): the customer moved on, and the router takes the message.
      const followUp = step.context.activity.text ?? '';
      return step.endDialog({
        startRepair: false,
        prefill: {},
        policy: facts.policy,
        followUp,
      } satisfies CoverageResult);
    }
    if (!step.result) {
      await step.context.sendActivity(this.deps.texts.wording.coverage.noRepair);
      return step.endDialog({ startRepair: false, prefill: {}, policy: facts.policy } satisfies CoverageResult);
    }
    const { decision } = this.assess(step.options);
    const result: CoverageResult = {
      startRepair: true,
      policy: facts.policy,
      prefill: { ...step.options.said, ...repairPrefill(facts, this.deps.texts) },
      coverage: { facts: { ...facts }, evidence, decision: decision ? { ...decision } : null },
    };
    return step.endDialog(result);
  }

  private question(field: AskableFact): string {
    const w = this.deps.texts.wording.coverage;
    return field === 'policy' ? w.askPolicy : w.questions[field];
  }

  /** The engine's view of the facts gathered, with the customer's words for them. */
  private assess(check: CoverageCheck) {
    return this.deps.coverage.assess('', this.deps.today(), check.facts, { evidence: check.evidence ?? [] });
  }
}
