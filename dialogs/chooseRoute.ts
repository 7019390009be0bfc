import type { KnowledgeAnswer, OfferedTopic } from '../src/knowledge/types.js';
import { intentSchema, type Intent } from '../src/nlu/types.js';
import type { Understanding } from '../src/understanding/understandMessage.js';
import type { ConversationMemory } from './conversationMemory.js';
import type { DialogDependencies, PolicyId } from './dependencies.js';
import { asksForHuman, asksIfBot } from './humanRequest.js';
import { pickOfferedTopic } from './offeredTopics.js';
import { validateField } from './form/formState.js';
import { readFields } from './form/readFields.js';
import { recognizePolicy } from './replies.js';
import { compact, compactCue, containsCue, isGoodbye, recognizeYesNo } from './zhYesNo.js';

/** What the router does with one message outside any dialog. */
export type Route =
  | { kind: 'repair'; text: string }
  | { kind: 'coverage'; text: string }
  | { kind: 'ticket'; text: string }
  | { kind: 'handoff'; reason: 'customer_asked' | 'bot_offer' }
  | { kind: 'answer'; question: string; policy?: PolicyId; answer?: KnowledgeAnswer; lowConfidence?: boolean }
  | { kind: 'topic'; topic: OfferedTopic }
  | { kind: 'outOfScope'; text: string; confidence: number; considered?: KnowledgeAnswer }
  /** offersHuman: a "yes" on the next turn hands off (the bot offered a human). */
  | { kind: 'reply'; text: string; actions?: string[]; offersHuman?: boolean }
  | { kind: 'misunderstood'; candidates: string[]; clarify: boolean };

/** A click on a suggested action (or typing its label): an intent, or coverage_check, routed without the matcher. */
function labelIntent(text: string, deps: DialogDependencies): Intent | undefined {
  const t = compact(text);
  for (const [intent, labels] of Object.entries(deps.texts.vocab.intentLabels)) {
    if (labels.some((l) => compactCue(l) === t))
      return intent === 'coverage_check' ? 'coverage_check' : matcherIntent(intent);
  }
  return undefined;
}

function matcherIntent(label: string): Intent | undefined {
  const parsed = intentSchema.safeParse(label);
  return parsed.success ? parsed.data : undefined;
}

/** Coverage questions about the customer's own device go to CoverageDialog; general ones to the knowledge base. */
function isCoverageCheck(text: string, deps: DialogDependencies): boolean {
  if (containsCue(text, deps.texts.vocab.coverageCheckCues)) return true;
  const { facts } = deps.coverage.assess(text, deps.today());
  const stated = [facts.part, facts.purchaseDate, facts.city, facts.cause].filter(Boolean).length;
  return facts.part !== undefined && stated >= 2;
}

/**
 * "内存报警了，怎么报修": a fault of one's own plus a report word asks for a report, not for the
 * procedure; so does a report word with the machine's or the customer's numbers ("报修 融科的
 * 型号R4300G2", a phone with "要报修"): nobody gives those to learn how reporting works.
 */
function asksToReport(text: string, deps: DialogDependencies, cues: readonly string[]): boolean {
  if (!containsCue(text, deps.texts.vocab.reportCues)) return false;
  return cues.includes('symptom') || givesReportItems(text, deps);
}

/**
 * True when the message holds a valid model, serial or phone number: labels alone do not count
 * ("报修要提供型号和序列号吗" names them to ask about them).
 */
function givesReportItems(text: string, deps: DialogDependencies): boolean {
  const { form, repairForm } = deps.texts;
  const reading = readFields(text, repairForm);
  return form.some((field) => {
    const value = reading.values[field.key];
    return (field.kind === 'code' || field.kind === 'phone') && value !== undefined && validateField(field, value).ok;
  });
}

function forIntent(
  intent: Intent,
  text: string,
  deps: DialogDependencies,
  memory: ConversationMemory,
  cues: readonly string[] = [],
  understood?: Understanding,
): Route {
  const { wording } = deps.texts;
  if (intent === 'coverage_check') return { kind: 'coverage', text: '' };
  // The routing table is data (knowledge/nlu/intents.json); an intent it does not know is not understood.
  const route = deps.texts.intentRoutes.get(intent);
  switch (route?.kind) {
    case 'reply':
      return { kind: 'reply', text: route.text, actions: route.actions };
    case 'repair':
      return { kind: 'repair', text };
    case 'coverage':
      return { kind: 'coverage', text };
    case 'ticket':
      return { kind: 'ticket', text };
    case 'answer':
      if (labelIntent(text, deps) === intent) return { kind: 'reply', text: wording.askPolicyTopic };
      if (containsCue(text, deps.texts.vocab.coverageCheckCues)) return { kind: 'coverage', text };
      if (asksToReport(text, deps, cues)) return { kind: 'repair', text };
      if (isCoverageCheck(text, deps)) return { kind: 'coverage', text };
      // A question that names the product ("融科服务器保修几年") is answered for that product, and later ones too.
      return {
        kind: 'answer',
        question: text,
        policy: recognizePolicy(text, deps.texts) ?? memory.policy,
        answer: understood?.answer,
        lowConfidence: understood?.lowConfidence,
      };
    case 'handoff':
      // Only an outright request hands off; chit-chat about the staff ("你们老板是谁") is off topic.
      if (labelIntent(text, deps) === intent || asksForHuman(text, deps.texts))
        return { kind: 'handoff', reason: memory.offeredHuman ? 'bot_offer' : 'customer_asked' };
      return { kind: 'outOfScope', text, confidence: understood?.prediction.confidence ?? 0 };
    case 'outOfScope':
    case undefined:
      return { kind: 'misunderstood', candidates: wording.welcomeActions, clarify: false };
  }
}

/** Chooses what to do with a message when no dialog is running. */
export function chooseRoute(text: string, memory: ConversationMemory, deps: DialogDependencies): Route {
  const { wording, vocab } = deps.texts;
  if (memory.pendingQuestion) {
    const policy = recognizePolicy(text, deps.texts);
    if (policy) return { kind: 'answer', question: memory.pendingQuestion, policy };
  }
  // "好吧，再见" after an offer of a human (or after chat) takes leave: it accepts nothing.
  if (isGoodbye(text, vocab)) return { kind: 'reply', text: wording.goodbye };
  if (memory.offeredHuman) {
    const answer = recognizeYesNo(text, vocab);
    if (answer.ok)
      return answer.value ? { kind: 'handoff', reason: 'bot_offer' } : { kind: 'reply', text: wording.humanDeclined };
  }
  if (asksIfBot(text, deps.texts))
    return { kind: 'reply', text: wording.botIdentity, actions: wording.botIdentityActions, offersHuman: true };
  const topic = pickOfferedTopic(text, memory.offeredTopics);
  if (topic) return { kind: 'topic', topic };
  const labelled = labelIntent(text, deps);
  // "宝修多久" → [咨询保修政策]: the click means "that one", so the earlier message is what to act on.
  const earlier = memory.unclearText;
  if (labelled && earlier && (labelled === 'policy_question' || labelled === 'report_fault')) {
    return labelled === 'report_fault'
      ? { kind: 'repair', text: earlier }
      : forIntent('policy_question', earlier, deps, memory);
  }
  if (labelled) return forIntent(labelled, text, deps, memory);
  const understood = deps.understand(text, recognizePolicy(text, deps.texts) ?? memory.policy);
  const { prediction } = understood;
  // "帮我判断是否在保" names the coverage check outright, whatever the matcher thinks of it.
  const sure = prediction.confidence >= vocab.routing.routeConfidence;
  // Ticket lookups do not own it: "帮我查下保修" is about coverage; a ticket number settles it below.
  const ownsMessage = sure && ['report_fault', 'human_agent'].includes(prediction.intent);
  const namesTicket = new RegExp(vocab.ticketNumberPattern, 'i').test(text);
  if (!ownsMessage && !namesTicket && containsCue(text, vocab.coverageCheckCues)) return { kind: 'coverage', text };
  if (prediction.intent !== 'out_of_scope' && prediction.confidence >= vocab.routing.routeConfidence) {
    return forIntent(prediction.intent, text, deps, memory, prediction.cues, understood);
  }
  // Understood, but not something the policies or the service desk cover (prices, buying advice, other brands…).
  if (
    prediction.intent === 'out_of_scope' &&
    (understood.gated || prediction.confidence >= vocab.routing.routeConfidence)
  ) {
    return { kind: 'outOfScope', text, confidence: prediction.confidence, considered: understood.answer };
  }
  // Unsure or out of scope: offer the plausible intents as choices, if any are plausible at all.
  const labelFor = (intent: Intent) => vocab.intentLabels[intent]?.[0];
  const candidates = [{ intent: prediction.intent, confidence: prediction.confidence }, ...prediction.alternatives]
    .filter((c) => c.intent !== 'out_of_scope' && c.confidence >= vocab.routing.clarifyConfidence)
    .map((c) => labelFor(c.intent))
    .filter((l): l is string => l !== undefined);
  const unique = [...new Set(candidates)].slice(0, 3);
  return unique.length
    ? { kind: 'misunderstood', candidates: unique, clarify: true }
    : { kind: 'misunderstood', candidates: wording.welcomeActions, clarify: false };
}
