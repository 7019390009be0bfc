import type { StatePropertyAccessor, Storage } from 'botbuilder';
import type { DialogState } from '../../dialogs/botbuilderDialogs.js';
import type { ConversationMemory } from '../../dialogs/conversationMemory.js';
import type { ContactProfile, TranscriptLine } from '../../dialogs/dependencies.js';
import { OptimisticConversationState, OptimisticUserState } from '../storage/optimisticBotState.js';
import type { JournalEntry } from './turnJournal.js';

/** Conversation and user state over one Storage, with the accessors the bot and dialogs share. */
export interface BotStates {
  conversationState: OptimisticConversationState;
  userState: OptimisticUserState;
  dialogState: StatePropertyAccessor<DialogState>;
  memory: StatePropertyAccessor<ConversationMemory>;
  transcript: StatePropertyAccessor<TranscriptLine[]>;
  /** The customer's contact details from their last report (user state). */
  profile: StatePropertyAccessor<ContactProfile>;
  /** The last turns' activity ids and replies, saved with the dialog state they produced. */
  journal: StatePropertyAccessor<JournalEntry[]>;
}

/**
 * Creates the bot's state accessors on the given storage (the app's database in production).
 * Saves are compare-and-set on the eTag each turn loaded, so two turns cannot silently
 * overwrite each other's dialog state.
 */
export function createBotStates(storage: Storage): BotStates {
  const conversationState = new OptimisticConversationState(storage);
  const userState = new OptimisticUserState(storage);
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    memory: conversationState.createProperty<ConversationMemory>('memory'),
    transcript: conversationState.createProperty<TranscriptLine[]>('transcript'),
    profile: userState.createProperty<ContactProfile>('contactProfile'),
    journal: conversationState.createProperty<JournalEntry[]>('turnJournal'),
  };
}
