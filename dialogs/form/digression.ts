import type { TurnContext } from 'botbuilder';
import type { DialogDependencies } from '../dependencies.js';

import { citationText, sendAnswer } from '../replies.js';
import { asksIfBot } from '../humanRequest.js';
import { pickOfferedTopic } from '../offeredTopics.js';
import { containsCue } from '../zhYesNo.js';
import { decideForForm } from './formFacts.js';
import type { FormState } from './formState.js';
import { verdictText } from './summary.js';
import { fillTemplate } from '../../src/text/template.js';

/**
 * A question of the customer's own in the middle of the form. "还在保吗" is answered from what
 * the form knows (the verdict, its clauses, and what is still needed); a warranty question from
 * the policies, quoted; anything the knowledge base cannot answer gets a plain "not my field".
 * The form then goes on where it was.
 */
export async function answerDigression(
  context: TurnContext,
  state: FormState,
  text: string,
  deps: DialogDependencies,
): Promise<void> {
  const { texts, knowledge } = deps;
  const { wording } = texts;
  if (asksIfBot(text, texts)) {
    await context.sendActivity([wording.botIdentity, wording.repair.resume].join('\n'));
    return;
  }
  if (containsCue(text, texts.vocab.coverageCheckCues)) {
    const result = decideForForm(state, deps);
    const lines = [fillTemplate(wording.repair.coverageLine, { verdict: verdictText(result.decision, texts) })];
    if (result.decision) lines.push(citationText(result.decision.citations.slice(0, 2), knowledge, texts));
    if (result.ask.length)
      lines.push(fillTemplate(wording.repair.askFacts, { questions: result.ask.map((m) => m.question).join('') }));
    await context.sendActivity([...lines, wording.repair.resume].filter(Boolean).join('\n'));
    return;
  }
  const { answer, gated } = deps.understand(text, state.policy);
  const asked = answer ?? knowledge.answer(text, { policy: state.policy });
  if (gated || (asked.kind === 'unsure' && !asked.topics?.length)) {
    await context.sendActivity(wording.repair.offTopic);
    return;
  }
  // Unsure: the closest topics are offered as buttons, and "1" picks one on the next turn.
  state.offeredTopics = asked.kind === 'unsure' ? asked.topics : undefined;
  await sendAnswer(context, asked, texts);
  await context.sendActivity(wording.repair.resume);
}

/** A pick from the topics offered on the last turn ("1", "第二个", a button): answered, then the form goes on. */
export async function answerOfferedTopic(
  context: TurnContext,
  state: FormState,
  text: string,
  deps: DialogDependencies,
): Promise<boolean> {
  const topic = pickOfferedTopic(text, state.offeredTopics);
  state.offeredTopics = undefined;
  if (!topic) return false;
  await sendAnswer(context, deps.knowledge.answerTopic(topic), deps.texts);
  await context.sendActivity(deps.texts.wording.repair.resume);
  return true;
}
