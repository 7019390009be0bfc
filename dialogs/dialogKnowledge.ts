import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../src/errors.js';
import { repairFieldKeys } from './dependencies.js';

const text = z.string().min(1);

const wordingSchema = z.object({
  welcome: text,
  welcomeActions: z.array(text),
  greetingReply: text,
  goodbye: text,
  clarify: text,
  notUnderstood: text,
  offerHuman: text,
  offerHumanActions: z.array(text),
  tooLong: text,
  textOnly: text,
  askPolicyTopic: text,
  humanDeclined: text,
  nothingToCancel: text,
  cancelled: text,
  /** Cancelling a check or lookup: nothing was being filled in. */
  cancelledPlain: text,
  turnError: text,
  turnConflict: text,
  citationHeader: text,
  citationLine: text,
  answerUnsure: text,
  answerAmbiguous: text,
  offerCoverageCheck: text,
  repair: z.object({ start: text, recorded: text, invalid: text, askPolicy: text, policyHint: text, resume: text, summaryHeader: text, summaryPolicy: text, summaryFooter: text, notProvided: text, askWhichToFix: text, created: text, responsePromise: text, handoffQuit: text, profileUsed: text, requiredUnknown: text, greetingMidForm: text, thanksMidForm: text, droppedForNew: text, summaryActions: z.array(text), describeMore: text, draftPlus: text, alreadyCreated: text }),
  coverage: z.object({ start: text, notRecognized: text, factUnknown: text, decisionHeader: text, offerRepair: text, noRepair: text, askPolicy: text, covered: text, notCovered: text, unsure: text, cannotDecide: text, warrantyEnd: text, onsite: text, prefillDescription: text }).extend({
    questions: z.object({ part: text, purchaseDate: text, city: text, cause: text }),
  }),
  ticketStatus: z.object({ askNumber: text, askLast4: text, badNumber: text, badLast4: text, notFound: text, giveUp: text, header: text, historyHeader: text, historyLine: text, historyCreated: text, historyMove: text, historyNote: text, retry: text, noNumber: text, coolDown: text, lockoutNote: text }),
  handoff: z.object({ askPhone: text, badPhone: text, created: text, updated: text, promise: text, queued: text }),
  states: z.record(z.string(), text),
});

const routingSchema = z.object({
  routeConfidence: z.number().min(0).max(1),
  clarifyConfidence: z.number().min(0).max(1),
  misunderstandingsBeforeHuman: z.number().int().positive(),
  maxTextLength: z.number().int().positive(),
  lookupAttempts: z.number().int().positive(),
  factAttempts: z.number().int().positive(),
  /** Bad phone numbers before a handoff goes on without one. */
  phoneAttempts: z.number().int().positive(),
});

const vocabSchema = z.object({
  yes: z.array(text),
  no: z.array(text),
  yesLeadIns: z.array(text),
  noLeadIns: z.array(text),
  cancel: z.array(text),
  /** Said when a required item is asked, these end the report ("不用了"); elsewhere they are plain no's. */
  declineForm: z.array(text),
  skip: z.array(text),
  questionCues: z.array(text),
  coverageCheckCues: z.array(text),
  /** Words asking to file a report; with a symptom of one's own they start the report form. */
  reportCues: z.array(text),
  /** A request for a human inside a form must name one ("个人" answering a question does not). */
  humanCues: z.array(text),
  correctionPrefixes: z.array(text),
  /** Words that only say "I want to report a fault"; what remains of a first message is its description. */
  reportLeadIns: z.array(text),
  /** Words that name no part and no symptom ("服务器", "坏了"): a first message of only these describes nothing yet. */
  vagueFaultWords: z.array(text),
  /** Endings of organisation names (有限公司, 研究所 …), told apart from a contact person's name. */
  organizationSuffixes: z.array(text),
  /** Words that lead into a place ("机房在…"); left hanging once the address is taken out. */
  placeLeadIns: z.array(text),
  policyCues: z.object({ 'rongke-server': z.array(text), 'standard-service': z.array(text) }),
  /** The clause listing what a report needs, quoted when the report starts. */
  reportItemsClause: z.object({ policy: z.enum(['rongke-server', 'standard-service']), section: z.array(text), containing: text }),
  rongkeModelPattern: text,
  ticketNumberPattern: text,
  last4Pattern: text,
  routing: routingSchema,
  intentLabels: z.record(z.string(), z.array(text)),
  policyChoices: z.object({ 'rongke-server': text, 'standard-service': text }),
});

const fieldSchema = z.object({
  key: z.enum(repairFieldKeys),
  title: text,
  required: z.boolean(),
  kind: z.enum(['code', 'text', 'name', 'phone']),
  labels: z.array(text).min(1),
  /** Labels that count only when a separator or correction follows (告警灯 is not a label). */
  weakLabels: z.array(text).default([]),
  pattern: z.string().optional(),
  freePattern: z.string().optional(),
  mobilePattern: z.string().optional(),
  landlinePattern: z.string().optional(),
  minLength: z.number().int().positive().optional(),
  question: text,
  hint: text,
});
export type RepairFieldSpec = z.infer<typeof fieldSchema>;

const formSchema = z.object({ fields: z.array(fieldSchema).min(1) });

export type Wording = z.infer<typeof wordingSchema>;
export type Vocabulary = z.infer<typeof vocabSchema>;

/** Chinese wording, vocabularies and the repair form, all data from knowledge/dialogs. */
export interface DialogKnowledge {
  wording: Wording;
  vocab: Vocabulary;
  form: RepairFieldSpec[];
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const result = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    const where = result.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new AppError('bad_document', `invalid dialog data ${file}: ${where}`, { file });
  }
  return result.data;
}

/** Loads and checks knowledge/dialogs/*.json; throws AppError('bad_document') naming the bad keys. */
export function loadDialogKnowledge(knowledgeDir: string): DialogKnowledge {
  const dir = join(knowledgeDir, 'dialogs');
  const wording = readJson(join(dir, 'wording.json'), wordingSchema);
  const vocab = readJson(join(dir, 'vocab.json'), vocabSchema);
  const form = readJson(join(dir, 'repair-form.json'), formSchema).fields;
  return { wording, vocab, form };
}

/** Fills "{name}" placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
