import type { TurnContext } from 'botbuilder';
import type { DialogDependencies } from '../dependencies.js';
import { fill } from '../dialogKnowledge.js';
import { citationText, sendAnswer } from '../replies.js';
import { containsCue } from '../zhYesNo.js';
import { decideForForm } from './formFacts.js';
import type { FormState } from './formState.js';
import { verdictText } from './summary.js';

/**
 * A question of the customer's own in the middle of the form. "还在保吗" is answered from what
 * the form knows (the verdict, its clauses, and what is still needed); a warranty question from
 * the policies, quoted; anything the knowledge base cannot answer gets a plain "not my field".
 * The form then goes on where it was.
 */
export async function answerDigression(context: TurnContext, state: FormState, text: string, deps: DialogDependencies): Promise<void> {
  const { texts, knowledge } = deps;
  const { wording } = texts;
  if (containsCue(text, texts.vocab.coverageCheckCues)) {
    const result = decideForForm(state, deps);
    const lines = [fill(wording.repair.coverageLine, { verdict: verdictText(result.decision, texts) })];
    if (result.decision) lines.push(citationText(result.decision.citations.slice(0, 2), knowledge, texts));
    if (result.ask.length) lines.push(fill(wording.repair.askFacts, { questions: result.ask.map((m) => m.question).join('') }));
    await context.sendActivity([...lines, wording.repair.resume].filter(Boolean).join('\n'));
    return;
  }
  const answer = knowledge.answer(text, { policy: state.policy });
  if (answer.kind === 'unsure') {
    await context.sendActivity(wording.repair.offTopic);
    return;
  }
  await sendAnswer(context, answer, texts);
  await context.sendActivity(wording.repair.resume);
}
