import type { TurnContext } from 'botbuilder';
import { AppError } from '../errors.js';
import type { DialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import type { BotStates } from './botState.js';
import type { Logger } from '../observability/logger.js';

/**
 * onTurnError: logs, apologises in Chinese and drops the dialog stack that broke, so the next
 * message starts cleanly while the rest of the conversation state (welcome, ticket) survives.
 */
export function createTurnErrorHandler(states: BotStates, texts: DialogKnowledge, log: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log.error({ err: error, conversationId: context.activity.conversation?.id }, 'turn failed; apologising');
    // A stale eTag means another turn of this conversation saved first: its state is good, keep it.
    const concurrent = error instanceof AppError && error.code === 'conflict';
    try {
      await context.sendActivity(concurrent ? texts.wording.turnConflict : texts.wording.turnError);
    } catch (sendError) {
      log.error({ err: sendError }, 'could not send the apology');
    }
    if (concurrent) return;
    try {
      // Reload what was last saved (the in-memory copy may be half-updated), then drop the stack.
      await states.conversationState.load(context, true);
      await states.dialogState.delete(context);
      await states.conversationState.saveChanges(context, true);
    } catch (stateError) {
      log.error({ err: stateError }, 'could not reset the dialog state');
    }
  };
}
