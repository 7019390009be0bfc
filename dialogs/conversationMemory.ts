import type { OfferedTopic } from '../src/knowledge/types.js';
import type { PolicyId } from './dependencies.js';

/** What the bot remembers about a conversation beyond the dialog stack (conversation state). */
export interface ConversationMemory {
  /** The welcome is sent once per conversation. */
  welcomed: boolean;
  /** Misunderstood turns in a row; reset by any understood turn. */
  misunderstandings: number;
  /** True after the bot offered a human, so a following 转人工 is recorded as the bot's offer. */
  offeredHuman: boolean;
  /** The ticket opened in this conversation, updated on handoff. */
  ticketNumber?: string;
  /** Time of the last transcript line already on the ticket, so a handoff adds only newer lines. */
  transcriptSentAt?: string;
  /** A question answered for both policies, waiting for the customer to say which applies. */
  pendingQuestion?: string;
  policy?: PolicyId;
  /** Topics offered with the last "not sure" answer, so "1" or "第二个" picks one. */
  offeredTopics?: OfferedTopic[];
  /** The message the bot was unsure about, so picking a suggested service answers it instead of starting over. */
  unclearText?: string;
  /** The ticket the previous turn filed: a "确认" sent again (a retry) is answered with its number. */
  justFiled?: string;
}

/** A fresh memory for a new conversation. */
export const newMemory = (): ConversationMemory => ({ welcomed: false, misunderstandings: 0, offeredHuman: false });
