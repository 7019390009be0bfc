/**
 * The parts of botbuilder-dialogs our dialogs use, each from its own module. The package's index
 * also loads every other prompt with the choice, number and date-time recognizers (a second copy
 * of recognizers-text), globalize with CLDR data, skills and the adaptive memory scopes: about
 * 180 more modules, a third of a second of start-up and 30 MB, for nothing we use. Import dialog
 * classes from here, not from 'botbuilder-dialogs'; a new one needs its line below.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { Dialog, DialogTurnStatus, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogContext } from 'botbuilder-dialogs/lib/dialogContext.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export type { DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext.js';
export {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs/lib/prompts/prompt.js';
export type { PromptValidatorContext } from 'botbuilder-dialogs/lib/prompts/prompt.js';
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt.js';
