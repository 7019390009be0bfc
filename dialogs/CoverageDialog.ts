import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from './botbuilderDialogs.js';
import type { CoverageFacts, DialogDependencies, FactEvidenceView, PolicyId, RepairReport } from './dependencies.js';

import { decisionText, repairPrefill } from './coverageText.js';
import { policyFromModel, recognizePolicy } from './replies.js';
import { fieldWithRole } from './form/formDefinition.js';
import { readFields } from './form/readFields.js';
import { ZhConfirmPrompt } from './ZhConfirmPrompt.js';
import { isCancel, isSkip } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

export const COVERAGE_DIALOG = 'CoverageDialog';
const CHECK = 'coverageCheck';
const TEXT = 'coverageText';
const CONFIRM = 'coverageConfirm';
/** Passed on by askMissingFactStep when the engine lacks nothing more it may ask: no answer to read. */
const allFactsKnown = Symbol('allFactsKnown');

/** The facts this dialog asks about, in order; anything else the engine wants is not asked. */
const askable = ['policy', 'part', 'purchaseDate', 'city', 'cause'] as const;
type AskableFact = (typeof askable)[number];
const isAskable = (field: string): field is AskableFact => askable.some((a) => a === field);

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

/** What the check knows so far; each missing fact asked starts the waterfall again with it. */
interface CoverageCheck {
  facts: CoverageFacts;
  attempts: Partial<Record<AskableFact, number>>;
  skipped: AskableFact[];
  asking?: AskableFact;
  reprompt?: string;
  /** Report items already said in the first message (model, serial, phone), carried into a report. */
  said?: RepairReport;
  /** The customer's words behind the facts, so the decision quotes them and a report keeps them. */
  evidence?: FactEvidenceView[];
}

/**
 * Decides coverage with the coverage engine: asks only for the facts it still lacks, gives the
 * decision with its citations, then offers a repair report pre-filled with what it knows.
 */
export class CoverageDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(COVERAGE_DIALOG);
    this.addDialog(new TextPrompt(TEXT));
    // Any reply ends the offer: one that is not a yes or no goes back to the router (see finishStep).
    this.addDialog(new ZhConfirmPrompt(CONFIRM, deps.texts.vocab, async () => true));
    this.addDialog(
      new WaterfallDialog<CoverageCheck>(CHECK, [
        this.askMissingFactStep.bind(this),
        this.readFactStep.bind(this),
        this.decideStep.bind(this),
        this.offerRepairStep.bind(this),
        this.finishStep.bind(this),
      ]),
    );
    this.initialDialogId = CHECK;
  }

  protected override async onBeginDialog(dc: DialogContext, options?: CoverageOptions): Promise<DialogTurnResult> {
    const text = options?.initialText ?? '';
    const { texts } = this.deps;
    // "我的R7100…" names the product by its model: 融科联创's R-series needs no "which product?".
    const said = reportItemsIn(text, texts);
    const model = said[fieldWithRole(texts.form, 'productModel')?.key ?? ''];
    const policy = recognizePolicy(text, texts) ?? policyFromModel(model, texts) ?? options?.facts?.policy;
    const known: CoverageFacts = { ...(options?.facts ?? {}), ...(policy ? { policy } : {}) };
    const { facts, extraction } = this.deps.coverage.assess(text, this.deps.today(), known);
    await dc.context.sendActivity(this.deps.texts.wording.coverage.start);
    return dc.beginDialog(CHECK, {
      facts,
      attempts: {},
      skipped: [],
      said,
      evidence: extraction.evidence,
    } satisfies CoverageCheck);
  }

  /** Asks the next fact the engine lacks (the product with its choices); none left, on to the decision. */
  private async askMissingFactStep(step: WaterfallStepContext<CoverageCheck>): Promise<DialogTurnResult> {
    const check = step.options;
    const field = this.nextMissing(check);
    if (!field) return step.next(allFactsKnown);
    const text = check.asking === field && check.reprompt ? check.reprompt : this.question(field);
    Object.assign(check, { asking: field, reprompt: undefined });
    const choices = Object.values(this.deps.texts.vocab.policyChoices);
    const prompt = field === 'policy' ? MessageFactory.suggestedActions(choices, text) : MessageFactory.text(text);
    return step.prompt(TEXT, { prompt });
  }

  /**
   * Takes the answer with whatever other facts it brings, and asks again: the next fact, or the
   * same one re-worded; "不知道" or too many misses give the fact up.
   */
  private async readFactStep(step: WaterfallStepContext<CoverageCheck>): Promise<DialogTurnResult> {
    if (step.result === allFactsKnown) return step.next();
    const check = step.options;
    const { texts, coverage } = this.deps;
    const text = typeof step.result === 'string' ? step.result : '';
    const field = check.asking;
    if (isCancel(text, texts.vocab)) {
      await step.context.sendActivity(texts.wording.cancelled);
      return step.endDialog({ startRepair: false, prefill: {} } satisfies CoverageResult);
    }
    if (!field) return step.replaceDialog(CHECK, check);
    const items = reportItemsIn(text, texts);
    check.said = { ...check.said, ...items };
    const named =
      recognizePolicy(text, texts) ??
      policyFromModel(items[fieldWithRole(texts.form, 'productModel')?.key ?? ''], texts);
    const picked = check.facts.policy === undefined ? named : undefined;
    const known = picked ? { ...check.facts, policy: picked } : check.facts;
    const learned = (facts: CoverageFacts) => askable.filter((f) => facts[f] !== undefined).length;
    const knownBefore = learned(check.facts);
    // "不知道" skips the asked fact; it must not turn up as some other fact (the engine reads it as a cause).
    const skipped = isSkip(text, texts.vocab);
    const assessment = coverage.assess(text, this.deps.today(), known);
    const assessed = assessment.facts;
    check.facts = skipped && assessed[field] === undefined ? known : assessed;
    const said = new Set(assessment.extraction.evidence.map((e) => e.field));
    check.evidence = [...(check.evidence ?? []).filter((e) => !said.has(e.field)), ...assessment.extraction.evidence];
    // An answer that brings other facts ("电源坏了" when asked for the product) is progress, not a miss.
    const progressed = learned(check.facts) > knownBefore || Object.keys(items).length > 0;
    if (check.facts[field] === undefined && !progressed) {
      const attempts = (check.attempts[field] ?? 0) + 1;
      check.attempts[field] = attempts;
      if (skipped || attempts >= texts.vocab.routing.factAttempts) {
        check.skipped.push(field);
        await step.context.sendActivity(texts.wording.coverage.factUnknown);
      } else {
        check.reprompt = fillTemplate(texts.wording.coverage.notRecognized, { question: this.question(field) });
      }
    }
    return step.replaceDialog(CHECK, check);
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

  private nextMissing(check: CoverageCheck): AskableFact | undefined {
    const { missing } = this.deps.coverage.assess('', this.deps.today(), check.facts);
    return missing
      .map((m) => m.field)
      .filter(isAskable)
      .find((f) => !check.skipped.includes(f));
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

/** Codes and phone numbers said along the way ("R5300", "SN…"), kept for a report that may follow. */
function reportItemsIn(text: string, texts: DialogDependencies['texts']): RepairReport {
  const { values } = readFields(text, texts.repairForm);
  const items: RepairReport = {};
  for (const f of texts.form)
    if ((f.kind === 'code' || f.kind === 'phone') && values[f.key]) items[f.key] = values[f.key];
  return items;
}
