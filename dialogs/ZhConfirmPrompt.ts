import { MessageFactory, type TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult, type PromptValidator } from './botbuilderDialogs.js';
import type { Vocabulary } from './dialogKnowledge.js';
import { recognizeYesNo } from './zhYesNo.js';

/**
 * A confirm prompt that understands everyday Chinese (好的, 可以, 行, 嗯, 不用, 算了 …) from
 * knowledge/dialogs/vocab.json, and shows 是 / 否 as suggested actions.
 */
export class ZhConfirmPrompt extends Prompt<boolean> {
  constructor(
    dialogId: string,
    private readonly vocab: Vocabulary,
    validator?: PromptValidator<boolean>,
  ) {
    super(dialogId, validator);
  }

  protected override async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const prompt = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    const text = typeof prompt === 'string' ? prompt : (prompt?.text ?? '');
    await context.sendActivity(MessageFactory.suggestedActions(['是', '否'], text));
  }

  protected override async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<boolean>> {
    const result = recognizeYesNo(context.activity.text ?? '', this.vocab);
    return result.ok ? { succeeded: true, value: result.value } : { succeeded: false };
  }
}
