import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { takeFormAttachments } from '../attachmentTurns.js';
import { creationKey } from '../creationKey.js';
import type { ContactProfile, DialogDependencies, PolicyId, RepairReport } from '../dependencies.js';
import { citationText } from '../replies.js';
import { fieldWithRole } from './formDefinition.js';
import { factsFromCheck } from './formFacts.js';
import { applyValues, newFormState, type FormState } from './formState.js';
import { readFirstMessage, recordAnswer } from './takeAnswer.js';
import { fillTemplate } from '../../src/text/template.js';

/** How a repair report begins: the message that asked for it, and what an earlier coverage check knows. */
export interface RepairReportOptions {
  /** The message that started the report; its values are taken straight away. */
  initialText?: string;
  prefill?: RepairReport;
  policy?: PolicyId;
  /** The record of a coverage check that led here ({facts, decision}). */
  coverage?: Record<string, unknown>;
}

/**
 * A new form: greets with the items the policy asks for (quoted), and takes what the first
 * message and the customer's last report already say.
 */
export async function startForm(
  context: TurnContext,
  options: RepairReportOptions,
  deps: DialogDependencies,
  profile: StatePropertyAccessor<ContactProfile> | undefined,
): Promise<FormState> {
  const { texts, knowledge } = deps;
  const checked = factsFromCheck(options.coverage);
  const state = newFormState(options.policy, checked.facts);
  state.ticketKey = creationKey(context, 'repair');
  state.coverage.evidence = checked.evidence;
  if (options.coverage) state.check = options.coverage;
  // Contact details from the customer's last report come first, so anything said now overrides them.
  const remembered: RepairReport = {};
  const contact = profile ? await profile.get(context, {}) : {};
  for (const f of texts.form) if (f.remember && contact[f.key]) remembered[f.key] = contact[f.key];
  applyValues(state, remembered, texts);
  // A description from a coverage check is only a draft: the customer is still asked for details.
  const { [fieldWithRole(texts.form, 'faultDescription')?.key ?? '']: draft, ...prefilled } = options.prefill ?? {};
  state.draft = draft;
  const text = options.initialText ?? '';
  const reading = readFirstMessage(text, prefilled, deps);
  const lines = [texts.wording.repair.start];
  const { policy, section, containing } = texts.vocab.reportItemsClause;
  const clause = knowledge.findClause(policy, section, containing);
  if (clause) lines.push(citationText([knowledge.cite(clause)], knowledge, texts));
  lines.push(...recordAnswer(state, text, reading, undefined, deps).notes);
  const reused = texts.form.filter((f) => remembered[f.key] !== undefined && state.report[f.key] === remembered[f.key]);
  if (reused.length) {
    const fields = reused.map((f) => `${f.title} ${state.report[f.key] ?? ''}`).join('、');
    lines.push(fillTemplate(texts.wording.repair.profileUsed, { fields }));
  }
  await context.sendActivity(lines.join('\n'));
  await takeFormAttachments(context, state, deps.attachments);
  return state;
}
