import type { Activity } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type PromptOptions,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from './botbuilderDialogs.js';

const STEPS = 'steps';
const REPLY = 'reply';

/** One step of a conversation: what the bot says or does next, given the customer's last reply. */
export type ConversationStep<S extends object> = (step: WaterfallStepContext<S>) => Promise<DialogTurnResult>;

/**
 * A dialog of the conversation in core-bot's style: its steps run as one waterfall over a state
 * S made from the dialog's options O, and the customer's replies come through one text prompt.
 * A step that has to ask again starts the steps over with `repeat`, so only the questions that
 * really recur loop.
 */
export abstract class ConversationDialog<O extends object, S extends object> extends ComponentDialog<O> {
  protected constructor(id: string) {
    super(id);
    this.addDialog(new TextPrompt(REPLY, (prompt) => this.acceptsReply(prompt)));
  }

  /** The state the steps start from: the options, and what the first message already said. */
  protected abstract firstState(dc: DialogContext, options: O | undefined): Promise<S>;

  /** Sets the steps, in the order of the conversation. */
  protected steps(...steps: ConversationStep<S>[]): void {
    this.addDialog(new WaterfallDialog<S>(STEPS, steps));
    this.initialDialogId = STEPS;
  }

  protected override async onBeginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    return dc.beginDialog(STEPS, await this.firstState(dc, options));
  }

  /** Whether a reply is taken (otherwise the prompt asks again): any text, unless a dialog says more. */
  protected async acceptsReply(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return prompt.recognized.succeeded;
  }

  /** Asks the customer; the reply is the next step's result. */
  protected ask(
    step: WaterfallStepContext<S>,
    prompt: string | Partial<Activity>,
    retryPrompt?: string,
  ): Promise<DialogTurnResult> {
    const options: PromptOptions = retryPrompt === undefined ? { prompt } : { prompt, retryPrompt };
    return step.prompt(REPLY, options);
  }

  /** Starts the steps over with the state as it now is: the next question, or the same one again. */
  protected repeat(step: WaterfallStepContext<S>, state: S = step.options): Promise<DialogTurnResult> {
    return step.replaceDialog(STEPS, state);
  }
}
