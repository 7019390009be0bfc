import type { TurnContext } from 'botbuilder';
import type { PromptValidatorContext } from 'botbuilder-dialogs';
import type { AttachmentDesk } from './dependencies.js';
import type { FormState } from './form/formState.js';

/**
 * Files sent while the repair form is open join the report, and the customer hears so in one
 * line. True when the message carried any.
 */
export async function takeFormAttachments(
  context: TurnContext,
  state: FormState,
  desk: AttachmentDesk | undefined,
): Promise<boolean> {
  const taken = await desk?.forReport(context.activity);
  if (!taken) return false;
  state.attachmentIds = [...new Set([...(state.attachmentIds ?? []), ...taken.ids])];
  await context.sendActivity(taken.confirmation);
  return true;
}

/**
 * Files sent outside the form supplement the conversation's open ticket, or the customer hears
 * what files are for. True when the message carried any.
 */
export async function answerAttachments(context: TurnContext, desk: AttachmentDesk | undefined): Promise<boolean> {
  const reply = await desk?.outsideReport(context.activity);
  if (reply === undefined) return false;
  await context.sendActivity(reply);
  return true;
}

/**
 * A TextPrompt validator that also lets a message of files only through (TextPrompt alone
 * refuses empty text and would ask again), so the form can take the files.
 */
export async function textOrFiles(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const { attachments } = prompt.context.activity;
  return prompt.recognized.succeeded || (Array.isArray(attachments) && attachments.length > 0);
}
