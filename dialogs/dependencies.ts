/**
 * The narrow services the dialogs need, passed in through constructors so tests can swap
 * fakes. src/app.ts adapts the real knowledge base, matcher, coverage engine and ticket
 * service to these shapes.
 */
import type { TurnContext, ConversationReference } from 'botbuilder';
import type { Citation, KnowledgeBase, PolicyId } from '../src/knowledge/types.js';
import type { IntentMatcher } from '../src/nlu/types.js';
import type { UnansweredLog } from '../src/understanding/unansweredLog.js';
import type { Understanding } from '../src/understanding/understandMessage.js';
import type { DialogKnowledge } from './dialogKnowledge.js';
import type { RepairReport } from './form/formDefinition.js';

export type { Citation, PolicyId };

export type { RepairReport };

/** Contact details remembered per user (UserState) and offered on their next report: the fields marked "remember". */
export type ContactProfile = RepairReport;

/** The facts the coverage engine decides on (a subset of src/coverage's). Dates are ISO yyyy-mm-dd. */
export interface CoverageFacts {
  policy?: PolicyId;
  part?: string;
  purchaseDate?: string;
  factoryDate?: string;
  deliveryDate?: string;
  city?: string;
  cause?: string;
  /** False when the customer has no valid invoice (lost, never issued). */
  invoice?: boolean;
  /** Causes the customer ruled out ("不是雷击"). */
  deniedCauses?: string[];
  repairsInLastYear?: number;
}

/** The customer's words behind a fact (src/coverage FactEvidence satisfies it). */
export interface FactEvidenceView {
  field: string;
  text: string;
  value: string;
}

/** One fact a decision rested on, with what the customer said for it. */
export interface DecisionBasisView {
  field: string;
  value: string;
  said?: string;
}

/** What the dialogs show of a coverage decision (src/coverage CoverageDecision satisfies it). */
export interface CoverageDecisionView {
  /** null when the engine cannot tell. */
  covered: boolean | null;
  remedy: string;
  warrantyEnd: string | null;
  onsiteHours: number | null;
  /** Chinese reasons. */
  reasons: string[];
  citations: Citation[];
  /** The facts it used, in the customer's words. */
  basis: DecisionBasisView[];
}

/** A fact the engine still needs, with its own question. */
export interface MissingFactView {
  field: string;
  question: string;
  /** True when the decision cannot be given without it. */
  blocking: boolean;
}

/** The coverage engine as the dialogs use it (src/coverage CoverageEngine satisfies it). */
export interface CoverageAdvisor {
  /**
   * Reads facts from the message, merges them with `known`, decides when it can, lists what is
   * missing. `loneDate` says which date a date without a keyword is (null: none); `evidence`
   * carries the words behind the known facts so the decision can quote them.
   */
  assess(
    text: string,
    today: string,
    known?: CoverageFacts,
    options?: { loneDate?: 'purchaseDate' | 'factoryDate' | 'deliveryDate' | null; evidence?: FactEvidenceView[] },
  ): {
    facts: CoverageFacts;
    decision: CoverageDecisionView | null;
    missing: MissingFactView[];
    extraction: { facts: CoverageFacts; evidence: FactEvidenceView[] };
  };
}

export interface TranscriptLine {
  from: 'customer' | 'bot' | 'agent';
  text: string;
  at: string;
}

export interface NewTicket {
  /** Names the form or request creating it: creating again with the same key returns the same ticket. */
  idempotencyKey: string;
  policy: PolicyId;
  report: RepairReport;
  coverage?: Record<string, unknown>;
  transcript: TranscriptLine[];
  conversationId: string;
  /** Why the ticket was opened: a repair report or a request for a human. */
  origin: 'repair_report' | 'handoff';
  /** Files sent during the report (issue 14); they join the ticket as it is opened. */
  attachmentIds?: string[];
}

/** One state change as the customer may see it (no private notes). */
export interface CustomerTicketEvent {
  at: string;
  from?: string;
  to: string;
  note?: string;
}

export interface CustomerTicketView {
  number: string;
  state: string;
  createdAt: string;
  history: CustomerTicketEvent[];
  /** What agents wrote on the ticket for the customer (internal notes never come here). */
  messages?: Array<{ at: string; text: string }>;
}

/** The ticket service as the dialogs use it. */
export interface TicketDesk {
  create(ticket: NewTicket): Promise<{ number: string }>;
  /** Adds transcript lines (and a note) to an existing ticket. */
  appendTranscript(number: string, lines: TranscriptLine[], note: string): Promise<void>;
  /** The ticket only when the number and the last four digits of its phone both match. */
  findForCustomer(number: string, phoneLast4: string): Promise<CustomerTicketView | undefined>;
  /** A note for agents on the ticket, if a ticket has this number (nothing happens otherwise). */
  noteIfExists(number: string, note: string): Promise<void>;
  /** False once the ticket is closed (已结单) or when no ticket has this number. */
  isOpen(number: string): Promise<boolean>;
}

export type LookupVerdict = { allowed: true } | { allowed: false; waitMinutes: number };

/** Limits on guessing a ticket's phone digits (src/limits), per ticket number and per conversation. */
export interface LookupLimits {
  /** Whether this conversation may check this number now. */
  admit(conversationId: string, ticketNumber: string): Promise<LookupVerdict>;
  /**
   * The number and digits did not match (counted the same whether the number exists or not);
   * `lockedOut` is true for the failure that reached the number's limit.
   */
  failed(conversationId: string, ticketNumber: string): Promise<{ lockedOut: boolean }>;
}

export interface HandoffRequest {
  ticketNumber: string;
  conversationId: string;
  reference: Partial<ConversationReference>;
  reason: 'customer_asked' | 'bot_offer' | 'repair_report';
}

/** What the live relay reports back; `notice` (Chinese) is shown to the customer. */
export interface HandoffOutcome {
  notice?: string;
}

/** The live relay to agents plugs in here (issue 5). The default does nothing. */
export interface HandoffRequester {
  requestHandoff(request: HandoffRequest, context: TurnContext): Promise<HandoffOutcome>;
}

/** The part of an activity the attachment desk reads (TurnContext.activity fits). */
export interface ActivityWithFiles {
  conversation?: { id?: string };
  channelData?: unknown;
}

/**
 * Files the customer sent with a message (issue 14); the channel has already checked and stored
 * them. Each method answers with the sentence to say, from knowledge/attachments.
 */
export interface AttachmentDesk {
  /** The message's files for the repair report, with the one-line confirmation; undefined when it has none. */
  forReport(activity: ActivityWithFiles): Promise<{ ids: string[]; confirmation: string } | undefined>;
  /** Outside a report: supplements the conversation's open ticket, or says what attachments are for. */
  outsideReport(activity: ActivityWithFiles): Promise<string | undefined>;
}

/** Reads the conversation so far, for tickets. */
export type TranscriptReader = (context: TurnContext) => Promise<TranscriptLine[]>;

export interface DialogDependencies {
  knowledge: KnowledgeBase;
  matcher: IntentMatcher;
  /** Routes a message and answers it from the policies when it asks something they may answer. */
  understand: (text: string, policy?: PolicyId) => Understanding;
  /** Where abstentions, unsure answers and out-of-scope messages are recorded for review. */
  unanswered: Pick<UnansweredLog, 'record'>;
  coverage: CoverageAdvisor;
  tickets: TicketDesk;
  lookupLimits: LookupLimits;
  handoff: HandoffRequester;
  texts: DialogKnowledge;
  transcript: TranscriptReader;
  /** Today's date (yyyy-mm-dd) in the service desk's time zone. */
  today: () => string;
  /** An ISO timestamp as local "yyyy-mm-dd hh:mm" for customers. */
  localTime: (iso: string) => string;
  /** Files sent in the chat (issue 14); without it, messages carrying only files get the text-only reply. */
  attachments?: AttachmentDesk;
}
