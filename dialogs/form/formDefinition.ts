/**
 * The repair form as the dialog reads it from knowledge/dialogs/repair-form.json: the fields
 * (the ticket schema's definition, src/tickets/repairFields.ts, plus how each is asked and
 * recognised), how answers are read, and which coverage facts the summary asks for.
 */
import { z } from 'zod';
import { repairFieldSchema, type RepairField } from '../../src/tickets/repairFields.js';
import type { Vocabulary } from '../dialogKnowledge.js';
import { compact, compactCue, isSkip } from '../zhYesNo.js';

const text = z.string().min(1);

export const formFieldSchema = repairFieldSchema.extend({
  labels: z.array(text).min(1),
  /** Labels that count only when a separator or correction follows (告警灯 is not a label). */
  weakLabels: z.array(text).default([]),
  /** The shape of a value found without a label (R5300, SN…, a mobile number, an address). */
  freePattern: z.string().optional(),
  /** Patterns that mark unlabelled text as this item (2颗CPU, 256G内存, CentOS). */
  cues: z.array(text).default([]),
  /** For free text: what a following chunk holds when it still belongs to this item (an address's 号, 楼, 路 …). */
  continues: z.string().optional(),
  /** Coverage facts read from this item's value: all of them, or those listed. */
  facts: z.union([z.literal('all'), z.array(text)]).default([]),
  /** For an optional item, words saying it does not apply ("个人用的", "没有单位" for the organisation). */
  noneAnswers: z.array(text).default([]),
  question: text,
  hint: text,
});
export type FormField = z.infer<typeof formFieldSchema> & RepairField;

const readingSchema = z.object({
  /** Words before what matters ("哎呀", "然后那个", "对了"). */
  fillers: z.array(text),
  trailingParticles: z.string(),
  correction: z.object({
    adverbs: z.array(text),
    verbs: z.array(text),
    results: z.array(text),
    wrong: z.array(text),
    /** "不是X是Y": the words that deny the old value before the new one. */
    notBut: z.array(text).min(1),
    /** After 不是, words that make it "not very…" rather than "not X" ("不是很清楚"). */
    notButExcept: z.array(text),
    leadIns: z.array(text),
    replaceBefore: z.array(text),
    /** "是2号": units of an address part a correction may replace alone (号, 栋, 室 …). */
    partUnits: z.array(text).min(1),
  }),
  /** "这单不用提了": a negator and an action, optionally after what is called off. */
  callOff: z.object({
    negators: z.array(text),
    actions: z.array(text),
    objects: z.array(text),
    /** "这个报修取消吧", "单子撤了吧": what is called off, then a word that cancels it. */
    cancelVerbs: z.array(text),
    /** Words that may lead into a call-off without a pause ("算了不用提交了"). */
    leadIns: z.array(text),
    /** "问题解决了": with a bare "不用了" after it, the report is called off. */
    resolved: z.array(text),
    /** Thanks and the like after a call-off ("…不需要了，谢谢"). */
    courtesies: z.array(text),
  }),
  /** A request for a human names one after a verb ("找你们领导", "转人工"); "你们领导是谁" asks nothing of the kind. */
  handoffVerbs: z.array(text),
  submitCues: z.array(text),
  notSubmitCues: z.array(text),
  /** Indefinite uses of question words ("什么都不显示"), which ask nothing. */
  notQuestion: z.array(text),
  /** A reply that starts with a negative ("没有看到什么报错") answers; it asks only when it ends as a question. */
  negativeLeads: z.array(text),
  questionEnds: z.array(text),
  surnameLeadIns: z.array(text),
  /** Single characters that are no surname ("男", "的"). */
  notSurnames: z.array(text),
  /** Words around a name ("叫我小陈就行", "我是李经理"). */
  nameLeadIns: z.array(text),
  nameTrailers: z.array(text),
  nameTitles: z.object({ male: z.array(text).min(1), female: z.array(text).min(1) }),
  /** Endings of organisation names (有限公司, 研究所 …), told apart from a contact person's name. */
  organizationSuffixes: z.array(text),
});
export type FormReading = z.infer<typeof readingSchema>;

const factName = z.enum(['purchaseDate', 'factoryDate', 'deliveryDate', 'city', 'part', 'cause']);
export type AskableFact = z.infer<typeof factName>;

const coverageSchema = z.object({
  /** Facts the summary asks for when the decision needs them, in this order. */
  ask: z.array(factName),
  /** The factory date is asked when a start this many months before the invoice would change the decision. */
  factoryDateMayMatterMonths: z.number().int().positive(),
  /** The part decided on when the customer named none (the whole machine's warranty). */
  wholeMachinePart: text,
});
export type FormCoverage = z.infer<typeof coverageSchema>;

export const formSchema = z.object({
  fields: z
    .array(formFieldSchema)
    .min(1)
    .refine((fields) => fields.filter((f) => f.kind === 'phone').length === 1, 'exactly one field is the phone'),
  reading: readingSchema,
  coverage: coverageSchema,
});

/** The whole form definition. */
export interface RepairFormDefinition {
  fields: FormField[];
  reading: FormReading;
  coverage: FormCoverage;
}

/** Values of the report by field key, as given (raw) or validated. */
export type RepairReport = Partial<Record<string, string>>;

/** The field playing a role ("faultDescription", "location" …), if the form has one. */
export function fieldWithRole(fields: readonly FormField[], role: RepairField['role']): FormField | undefined {
  return fields.find((f) => f.role === role);
}

/** The phone field (the form schema guarantees exactly one). */
export function phoneField(fields: readonly FormField[]): FormField | undefined {
  return fields.find((f) => f.kind === 'phone');
}

/** An answer that leaves an optional item empty: a skip word ("无", "不清楚"), or words saying it does not apply. */
export function leavesEmpty(field: FormField, text: string, vocab: Vocabulary): boolean {
  if (field.required) return false;
  const said = compact(text);
  return isSkip(text, vocab) || field.noneAnswers.some((words) => said.includes(compactCue(words)));
}
