import { MessageFactory, type Activity } from 'botbuilder';
import type { DialogKnowledge } from '../dialogKnowledge.js';
import type { FormState, NextQuestion } from './formState.js';
import { fillTemplate } from '../../src/text/template.js';

/**
 * The message that asks for the next item: its question (or the re-ask after a bad answer), the
 * product with its choices, 先生/女士 after "姓王", "what is the right value?" for an item said to
 * be wrong, or "what exactly happens?" on top of a coverage check's draft description.
 */
export function formQuestion(
  state: FormState,
  next: Exclude<NextQuestion, { kind: 'confirm' }>,
  retry: string | undefined,
  texts: DialogKnowledge,
): Partial<Activity> {
  const { wording, vocab } = texts;
  if (next.kind === 'policy')
    return MessageFactory.suggestedActions(Object.values(vocab.policyChoices), retry ?? wording.repair.askPolicy);
  if (next.kind === 'surname') {
    const { male, female } = texts.repairForm.reading.nameTitles;
    const choices = [`${next.surname}${male[0] ?? ''}`, `${next.surname}${female[0] ?? ''}`];
    return MessageFactory.suggestedActions(
      choices,
      retry ?? fillTemplate(wording.repair.askSurnameTitle, { surname: next.surname }),
    );
  }
  const { field } = next;
  if (next.fixing) return MessageFactory.text(retry ?? fillTemplate(wording.repair.askWhat, { title: field.title }));
  const describeMore = field.role === 'faultDescription' && state.draft;
  return MessageFactory.text(
    retry ?? (describeMore ? fillTemplate(wording.repair.describeMore, { draft: state.draft ?? '' }) : field.question),
  );
}
