import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../src/errors.js';
import { loadPolicyMetas } from '../src/knowledge/loadPolicies.js';
import { readJsonFile } from '../src/knowledge/readJsonFile.js';
import { loadIntentDefinitions, type IntentRoute } from '../src/nlu/intents.js';
import { policyIdSchema, type PolicyMeta } from '../src/knowledge/types.js';
import { repairFields } from '../src/tickets/repairFields.js';
import { formSchema, type FormField, type RepairFormDefinition } from './form/formDefinition.js';

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
  /** "你是机器人吗": who is answering, with a human offered. */
  botIdentity: text,
  botIdentityActions: z.array(text),
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
  /** A message understood but outside what the bot and the service desk cover. */
  outOfScope: text,
  outOfScopeActions: z.array(text),
  repair: z
    .object({
      start: text,
      recorded: text,
      invalid: text,
      askPolicy: text,
      policyHint: text,
      resume: text,
      summaryHeader: text,
      summaryPolicy: text,
      summaryFooter: text,
      notProvided: text,
      askWhichToFix: text,
      created: text,
      responsePromise: text,
      handoffQuit: text,
      profileUsed: text,
      requiredUnknown: text,
      greetingMidForm: text,
      thanksMidForm: text,
      droppedForNew: text,
      summaryActions: z.array(text),
      describeMore: text,
      draftPlus: text,
    })
    .extend({
      askWhat: text,
      askSurnameTitle: text,
      offTopic: text,
      factsHeader: text,
      factLine: text,
      coverageLine: text,
      askFacts: text,
      factSkipped: text,
      partAssumed: text,
      alreadyCreated: text,
      /** The description answered with only "坏了": what happens is asked. */
      vagueDescription: text,
    }),
  coverage: z
    .object({
      start: text,
      notRecognized: text,
      factUnknown: text,
      decisionHeader: text,
      offerRepair: text,
      noRepair: text,
      askPolicy: text,
      covered: text,
      notCovered: text,
      unsure: text,
      cannotDecide: text,
      warrantyEnd: text,
      onsite: text,
      prefillDescription: text,
    })
    .extend({
      questions: z.object({ part: text, purchaseDate: text, city: text, cause: text }),
      /** How the facts a decision used are named and quoted back to the customer. */
      factTitles: z.record(z.string(), text),
      invoiceValues: z.object({ yes: text, no: text }),
      saidQuote: text,
      basisLine: text,
    }),
  ticketStatus: z.object({
    askNumber: text,
    askLast4: text,
    badNumber: text,
    badLast4: text,
    notFound: text,
    giveUp: text,
    header: text,
    historyHeader: text,
    historyLine: text,
    historyCreated: text,
    historyMove: text,
    historyNote: text,
    messagesHeader: text,
    messageLine: text,
    retry: text,
    noNumber: text,
    coolDown: text,
    lockoutNote: text,
  }),
  handoff: z.object({
    askPhone: text,
    badPhone: text,
    created: text,
    updated: text,
    queued: text,
    leftBeforeQueue: text,
  }),
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
  /** "我不想跟机器人说了": wanting a person said as refusing the bot; a request for a human. */
  botRefusals: z.array(text).default([]),
  /** "机器人", "是真人": a short message with these asks who is answering, not for a human. */
  botIdentityCues: z.array(text),
  /** "请问" before a question: its 请 asks nothing of anyone. */
  politeLeadIns: z.array(text),
  /** "再见", "拜拜": the customer is leaving (asked for a phone before a handoff, no ticket is opened). */
  goodbyeCues: z.array(text),
  /** Words that only say "I want to report a fault"; what remains of a first message is its description. */
  reportLeadIns: z.array(text),
  /** Words that name no part and no symptom ("服务器", "坏了"): a first message of only these describes nothing yet. */
  vagueFaultWords: z.array(text),
  /** Pieces of a first message that greet or chat ("你好", "有人在吗", "麻烦了"): never part of a description. */
  smallTalkPieces: z.array(text),
  /** Words that lead into a place ("机房在…"); left hanging once the address is taken out. */
  placeLeadIns: z.array(text),
  /** Per policy id, words that pick it; checked in file order, so a denial (不是融科) listed first wins over the name it denies. */
  policyCues: z.record(policyIdSchema, z.array(text)),
  /** The clause listing what a report needs, quoted when the report starts. */
  reportItemsClause: z.object({ policy: policyIdSchema, section: z.array(text), containing: text }),
  ticketNumberPattern: text,
  last4Pattern: text,
  routing: routingSchema,
  intentLabels: z.record(z.string(), z.array(text)),
  /** Per policy id, the choice the customer is offered when the policy matters and is not known. */
  policyChoices: z.record(policyIdSchema, text),
});

export type Wording = z.infer<typeof wordingSchema>;
export type Vocabulary = z.infer<typeof vocabSchema>;

/** Chinese wording, vocabularies and the repair form, all data from knowledge/dialogs. */
export interface DialogKnowledge {
  wording: Wording;
  vocab: Vocabulary;
  /** The repair form's fields, in order (repairForm.fields). */
  form: FormField[];
  repairForm: RepairFormDefinition;
  /** What the router does with each intent (knowledge/nlu/intents.json), its reply wording resolved. */
  intentRoutes: Map<string, IntentRouteSpec>;
  /** Every policy folder's front matter: titles, names, model numbers, response promise, fallback. */
  policies: PolicyMeta[];
}

/** An intent's route with a reply's text and actions taken from the wording. */
export type IntentRouteSpec =
  { kind: 'reply'; text: string; actions?: string[] } | { kind: Exclude<IntentRoute['kind'], 'reply'> };

/** Loads and checks knowledge/dialogs/*.json; throws AppError('bad_document') naming the bad keys. */
export function loadDialogKnowledge(knowledgeDir: string): DialogKnowledge {
  const dir = join(knowledgeDir, 'dialogs');
  const wording = readJsonFile(join(dir, 'wording.json'), wordingSchema);
  const policies = loadPolicyMetas(knowledgeDir);
  const vocab = withEveryPolicy(readJsonFile(join(dir, 'vocab.json'), vocabSchema), policies, join(dir, 'vocab.json'));
  const file = join(dir, 'repair-form.json');
  const repairForm = readJsonFile(file, formSchema);
  checkAgainstTickets(repairForm.fields, file);
  return {
    wording,
    vocab,
    form: repairForm.fields,
    repairForm,
    intentRoutes: resolveIntentRoutes(knowledgeDir, wording),
    policies,
  };
}

/**
 * Every policy folder is offered and recognised: a policy vocab.json does not word is offered by
 * its title and recognised by its front matter's names. A choice for a policy with no folder is a
 * data mistake that fails the start.
 */
function withEveryPolicy(vocab: Vocabulary, policies: PolicyMeta[], file: string): Vocabulary {
  const ids = new Set(policies.map((p) => p.id));
  const stray = [...Object.keys(vocab.policyChoices), ...Object.keys(vocab.policyCues)].filter((id) => !ids.has(id));
  if (stray.length)
    throw new AppError(
      'bad_document',
      `${file}: policyChoices/policyCues name policies with no folder: ${stray.join(', ')}`,
      { file, field: 'policyChoices' },
    );
  const added = policies.filter((p) => !(p.id in vocab.policyChoices));
  return {
    ...vocab,
    policyChoices: { ...vocab.policyChoices, ...Object.fromEntries(added.map((p) => [p.id, p.title])) },
    policyCues: {
      ...vocab.policyCues,
      ...Object.fromEntries(added.filter((p) => !(p.id in vocab.policyCues)).map((p) => [p.id, p.names])),
    },
  };
}

/** The routing table with each reply's wording looked up; a key the wording lacks fails the start. */
function resolveIntentRoutes(knowledgeDir: string, wording: Wording): Map<string, IntentRouteSpec> {
  const texts: Record<string, unknown> = { ...wording };
  const file = join(knowledgeDir, 'nlu', 'intents.json');
  return new Map(
    loadIntentDefinitions(knowledgeDir).map(({ id, route }): [string, IntentRouteSpec] => {
      if (route.kind !== 'reply') return [id, { kind: route.kind }];
      const reply = z.string().min(1).safeParse(texts[route.wording]);
      const actions =
        route.actions === undefined ? undefined : z.array(z.string().min(1)).safeParse(texts[route.actions]);
      if (!reply.success || actions?.success === false) {
        throw new AppError(
          'bad_document',
          `${file}: intent ${id} replies with wording ${route.wording}${route.actions ? `/${route.actions}` : ''}, which knowledge/dialogs/wording.json does not have`,
          { file, field: id },
        );
      }
      return [id, { kind: 'reply', text: reply.data, actions: actions?.data }];
    }),
  );
}

/** The dialog's form must be the one tickets are stored with: same keys, titles, order and rules. */
function checkAgainstTickets(fields: FormField[], file: string): void {
  const rules = (f: FormField) =>
    JSON.stringify([
      f.key,
      f.title,
      f.required,
      f.kind,
      f.maxLength,
      f.minLength,
      f.pattern,
      f.mobilePattern,
      f.landlinePattern,
    ]);
  const same =
    fields.length === repairFields.length &&
    fields.every((f, i) => {
      const ticketField = repairFields[i];
      return ticketField !== undefined && rules(f) === rules({ ...f, ...ticketField });
    });
  if (!same)
    throw new AppError(
      'bad_document',
      `${file}: its fields differ from the ticket schema's (knowledge/dialogs/repair-form.json)`,
      { file },
    );
}
