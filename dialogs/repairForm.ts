import type { PolicyId, RepairFieldKey, RepairReport } from './dependencies.js';
import { fill, type DialogKnowledge, type RepairFieldSpec } from './dialogKnowledge.js';
import { policyFromModel } from './replies.js';
import { validateSlot } from './validateSlot.js';
import { isSkip } from './zhYesNo.js';

/** The repair form as it travels through the dialog loop (persisted with the dialog state). */
export interface FormState {
  report: RepairReport;
  /** Optional items already asked once (the customer may have said "无"). */
  asked: RepairFieldKey[];
  policy?: PolicyId;
  coverage?: Record<string, unknown>;
  stage: 'filling' | 'policy' | 'summary';
  expected?: RepairFieldKey;
  /** A specific re-ask (the hint after a bad value) to send instead of the plain question. */
  reprompt?: string;
  /** What a coverage check already knows of the fault ("电源出现故障"); the description builds on it. */
  draft?: string;
  /** The ticket's idempotency key, fixed when the form began: a confirm run twice files one ticket. */
  ticketKey?: string;
}

export interface AppliedValues {
  /** "产品型号 R5300" for each accepted value. */
  recorded: string[];
  /** Re-ask messages for rejected values, by field. */
  rejected: Partial<Record<RepairFieldKey, string>>;
}

/** The next item to ask: required items until filled, optional ones once. */
export function nextField(state: FormState, form: RepairFieldSpec[]): RepairFieldSpec | undefined {
  return form.find((f) =>
    f.required ? !state.report[f.key] : state.report[f.key] === undefined && !state.asked.includes(f.key),
  );
}

/** Validates found values into the form; bad values are reported, never stored. */
export function applyValues(state: FormState, values: RepairReport, texts: DialogKnowledge): AppliedValues {
  const recorded: string[] = [];
  const rejected: AppliedValues['rejected'] = {};
  for (const spec of texts.form) {
    const raw = values[spec.key];
    if (raw === undefined) continue;
    if (!spec.required && isSkip(raw, texts.vocab)) {
      // "错误信息：无" answers an optional item without giving a value.
      if (!state.asked.includes(spec.key)) state.asked.push(spec.key);
      continue;
    }
    const result = validateSlot(spec, raw);
    if (result.ok) {
      state.report[spec.key] = result.value;
      recorded.push(`${spec.title} ${result.value}`);
    } else {
      rejected[spec.key] = fill(texts.wording.repair.invalid, { title: spec.title, value: raw, hint: result.reason });
    }
  }
  state.policy ??= policyFromModel(state.report.model, texts);
  return { recorded, rejected };
}

/** The summary the customer confirms before the ticket is created. */
export function summaryText(state: FormState, texts: DialogKnowledge, policyTitle: string): string {
  const { repair } = texts.wording;
  const lines = texts.form.map((f) => `${f.title}：${state.report[f.key] ?? repair.notProvided}`);
  return [repair.summaryHeader, ...lines, fill(repair.summaryPolicy, { title: policyTitle }), repair.summaryFooter].join('\n');
}

/**
 * The description answer on top of the coverage check's draft: "不知道" keeps the draft, anything
 * else is added to it, so neither the customer's words nor what they said before are lost.
 */
export function withDraft(state: FormState, values: RepairReport, text: string, texts: DialogKnowledge): RepairReport {
  if (state.expected !== 'description' || state.stage !== 'filling' || !state.draft) return values;
  if (isSkip(text, texts.vocab)) return { ...values, description: state.draft };
  const answer = values.description;
  return answer ? { ...values, description: fill(texts.wording.repair.draftPlus, { draft: state.draft, answer }) } : values;
}
