import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Route } from './chooseRoute.js';
import type { ConversationMemory } from './conversationMemory.js';
import type { DialogDependencies } from './dependencies.js';
import { sendAnswer } from './replies.js';
import { answerOutcome, noteTurnOutcome } from './turnOutcome.js';
import type { KnowledgeAnswer } from '../src/knowledge/types.js';
import type { UnansweredKind } from '../src/understanding/unansweredLog.js';

/**
 * The router's own reply to a route no dialog takes: a cited policy answer, a topic, out of
 * scope, a plain reply, or "not understood" with candidates; after repeated misses, a human is
 * offered. Updates what the conversation remembers (pending question, offered topics, misses).
 */
export async function replyInline(
  context: TurnContext,
  route: Route,
  memory: ConversationMemory,
  deps: DialogDependencies,
): Promise<void> {
  const { wording, vocab } = deps.texts;
  if (route.kind === 'answer') {
    const answer = route.answer ?? deps.knowledge.answer(route.question, { policy: route.policy });
    noteTurnOutcome(context, answerOutcome(answer));
    await sendAnswer(context, answer, deps.texts);
    if (answer.kind === 'ambiguous') memory.pendingQuestion = route.question;
    if (answer.kind === 'unsure') {
      memory.misunderstandings += 1;
      memory.offeredTopics = answer.topics;
      await recordUnanswered(deps, context, route.question, 'abstained', answer);
    } else {
      if (route.policy) memory.policy = route.policy;
      if (route.lowConfidence) await recordUnanswered(deps, context, route.question, 'low_confidence', answer);
    }
  } else if (route.kind === 'topic') {
    await sendAnswer(context, deps.knowledge.answerTopic(route.topic), deps.texts);
  } else if (route.kind === 'outOfScope') {
    await context.sendActivity(MessageFactory.suggestedActions(wording.outOfScopeActions, wording.outOfScope));
    await recordUnanswered(deps, context, route.text, 'out_of_scope', route.considered, route.confidence);
  } else if (route.kind === 'reply') {
    await context.sendActivity(route.actions ? MessageFactory.suggestedActions(route.actions, route.text) : route.text);
  } else if (route.kind === 'misunderstood' && memory.misunderstandings < vocab.routing.misunderstandingsBeforeHuman) {
    const text = route.clarify ? wording.clarify : wording.notUnderstood;
    await context.sendActivity(MessageFactory.suggestedActions(route.candidates, text));
  }
  if (memory.misunderstandings >= vocab.routing.misunderstandingsBeforeHuman) {
    memory.offeredHuman = true;
    await context.sendActivity(MessageFactory.suggestedActions(wording.offerHumanActions, wording.offerHuman));
  }
}

/** Keeps what the bot could not answer well, masked, for the lead's review. */
async function recordUnanswered(
  deps: DialogDependencies,
  context: TurnContext,
  text: string,
  kind: UnansweredKind,
  answer?: KnowledgeAnswer,
  confidence?: number,
): Promise<void> {
  await deps.unanswered.record({
    conversationId: context.activity.conversation.id,
    kind,
    text,
    intent: kind === 'out_of_scope' ? 'out_of_scope' : 'policy_question',
    confidence: confidence ?? answer?.confidence ?? 0,
    candidates: answer?.candidates ?? [],
  });
}
