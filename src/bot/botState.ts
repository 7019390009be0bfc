import { ConversationState, UserState, type StatePropertyAccessor, type Storage } from 'botbuilder';
import type { DialogState } from '../../dialogs/botbuilderDialogs.js';
import type { ConversationMemory } from '../../dialogs/conversationMemory.js';
import type { ContactProfile, TranscriptLine } from '../../dialogs/dependencies.js';

/** Conversation and user state over one Storage, with the accessors the bot and dialogs share. */
export interface BotStates {
  conversationState: ConversationState;
  userState: UserState;
  dialogState: StatePropertyAccessor<DialogState>;
  memory: StatePropertyAccessor<ConversationMemory>;
  transcript: StatePropertyAccessor<TranscriptLine[]>;
  /** The customer's contact details from their last report (user state). */
  profile: StatePropertyAccessor<ContactProfile>;
}

/** Creates the bot's state accessors on the given storage (the app's database in production). */
export function createBotStates(storage: Storage): BotStates {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    memory: conversationState.createProperty<ConversationMemory>('memory'),
    transcript: conversationState.createProperty<TranscriptLine[]>('transcript'),
    profile: userState.createProperty<ContactProfile>('contactProfile'),
  };
}
