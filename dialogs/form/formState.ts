import type { OfferedTopic } from '../../src/knowledge/types.js';
import { fieldValueSchema } from '../../src/tickets/repairFields.js';
import { notParsed, parsed, type ParseResult } from '../../src/errors.js';
import type { CoverageFacts, FactEvidenceView, PolicyId } from '../dependencies.js';
import { type DialogKnowledge } from '../dialogKnowledge.js';
import { policyFromModel } from '../replies.js';
import { isSkip } from '../zhYesNo.js';
import { fieldWithRole, leavesEmpty, type FormField, type RepairReport } from './formDefinition.js';
import { fillTemplate } from '../../src/text/template.js';

/** The coverage facts gathered along the form, with the customer's words for each. */
export interface FormFacts {
  facts: CoverageFacts;
  evidence: FactEvidenceView[];
  /** Fact questions the customer could not answer ("不记得了"): not asked again. */
  skipped: string[];
}

/** The repair form as it travels through the dialog (persisted with the dialog state). */
export interface FormState {
  report: RepairReport;
  /** Optional items already asked once (the customer may have said "无"). */
  asked: string[];
  policy?: PolicyId;
  coverage: FormFacts;
  /** What the last message asked: a field key, or 'surname', 'policy', 'confirm'. */
  asking?: string;
  /** The fact the summary asked for last, so a lone date answers it. */
  askedFact?: string;
  /** A specific re-ask (the hint after a bad value) to send instead of the plain question. */
  reprompt?: string;
  /** What a coverage check already knows of the fault ("电源出现故障"); the description builds on it. */
  draft?: string;
  /** An item the customer said is wrong without the right value yet ("地址也写错了"): asked next. */
  fixing?: string;
  /** "姓王": the surname, until the customer says 先生 or 女士. */
  surname?: string;
  /** The record of a coverage check that led into the report, kept with the ticket. */
  check?: Record<string, unknown>;
  /** Topics offered with an unsure answer to a question asked mid-form. */
  offeredTopics?: OfferedTopic[];
  /** The ticket's idempotency key, fixed when the form began: a confirm run twice files one ticket. */
  ticketKey?: string;
  /** Files sent during the report (photos, logs); they join the ticket. */
  attachmentIds?: string[];
}

/** What the next message asks for. */
export type NextQuestion =
  | { kind: 'field'; field: FormField; fixing?: boolean }
  | { kind: 'surname'; surname: string }
  | { kind: 'policy' }
  | { kind: 'confirm' };

/** A fresh form. */
export function newFormState(policy: PolicyId | undefined, facts: CoverageFacts = {}): FormState {
  return { report: {}, asked: [], policy, coverage: { facts, evidence: [], skipped: [] } };
}

/** The next thing to ask: how to address the contact, required items until filled, optional ones once, the product, then the summary. */
export function nextQuestion(state: FormState, fields: readonly FormField[]): NextQuestion {
  if (state.surname) return { kind: 'surname', surname: state.surname };
  const fixing = fields.find((f) => f.key === state.fixing);
  if (fixing) return { kind: 'field', field: fixing, fixing: true };
  const field = fields.find((f) =>
    f.required ? !state.report[f.key] : state.report[f.key] === undefined && !state.asked.includes(f.key),
  );
  if (field) return { kind: 'field', field };
  return state.policy ? { kind: 'confirm' } : { kind: 'policy' };
}

/** Checks one value against its field's rule (src/tickets/repairFields.ts); the reason is the field's hint. */
export function validateField(field: FormField, raw: string): ParseResult<string> {
  const result = fieldValueSchema(field).safeParse(raw);
  return result.success ? parsed(result.data) : notParsed(field.hint);
}

export interface AppliedValues {
  /** "产品型号 R5300" for each accepted value. */
  recorded: string[];
  /** Re-ask messages for rejected values, by field. */
  rejected: Partial<Record<string, string>>;
}

/** Validates found values into the form; bad values are reported, never stored. */
export function applyValues(state: FormState, values: RepairReport, texts: DialogKnowledge): AppliedValues {
  const recorded: string[] = [];
  const rejected: AppliedValues['rejected'] = {};
  for (const field of texts.form) {
    const raw = values[field.key];
    if (raw === undefined) continue;
    if (leavesEmpty(field, raw, texts.vocab)) {
      // "错误信息：无" answers an optional item without giving a value.
      if (!state.asked.includes(field.key)) state.asked.push(field.key);
      continue;
    }
    const result = validateField(field, raw);
    if (result.ok) {
      state.report[field.key] = result.value;
      recorded.push(`${field.title} ${result.value}`);
    } else {
      rejected[field.key] = fillTemplate(texts.wording.repair.invalid, {
        title: field.title,
        value: raw,
        hint: result.reason,
      });
    }
  }
  const model = fieldWithRole(texts.form, 'productModel');
  state.policy ??= policyFromModel(model ? state.report[model.key] : undefined, texts);
  return { recorded, rejected };
}

/**
 * The description answer on top of the coverage check's draft: "不知道" keeps the draft, anything
 * else is added to it, so neither the customer's words nor what they said before are lost.
 */
export function withDraft(state: FormState, values: RepairReport, text: string, texts: DialogKnowledge): RepairReport {
  const description = fieldWithRole(texts.form, 'faultDescription');
  if (!description || state.asking !== description.key || !state.draft) return values;
  if (isSkip(text, texts.vocab)) return { ...values, [description.key]: state.draft };
  const answer = values[description.key];
  return answer
    ? { ...values, [description.key]: fillTemplate(texts.wording.repair.draftPlus, { draft: state.draft, answer }) }
    : values;
}
