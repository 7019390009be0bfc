/** The one outcome each conversation is counted under, so the four rates add up to 100 %. */
export const CONVERSATION_OUTCOMES = ['handedOff', 'abstained', 'outOfScope', 'contained'] as const;
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[number];

/**
 * A conversation's outcome from its turns' outcomes, by precedence:
 * 1. handedOff: any turn went to a human (asked for one, or a live agent held it), or it entered the queue;
 * 2. abstained: otherwise, the bot said "not sure" at least once;
 * 3. outOfScope: otherwise, at least one message was outside what the bot serves;
 * 4. contained: every message was answered by the bot.
 * The worst thing that happened decides, so a conversation is never counted as contained when a
 * customer met a failure or a person along the way.
 */
export function conversationOutcome(turnOutcomes: readonly string[], enteredQueue: boolean): ConversationOutcome {
  if (enteredQueue || turnOutcomes.includes('handoff')) return 'handedOff';
  if (turnOutcomes.includes('abstained')) return 'abstained';
  if (turnOutcomes.includes('out_of_scope')) return 'outOfScope';
  return 'contained';
}

/**
 * Each outcome's share in percent with one decimal, adding up to exactly 100 (largest
 * remainder), or all 0 when there is no conversation.
 */
export function outcomeRates(counts: Record<ConversationOutcome, number>): Record<ConversationOutcome, number> {
  const total = CONVERSATION_OUTCOMES.reduce((n, k) => n + counts[k], 0);
  const tenths = new Map<ConversationOutcome, number>(CONVERSATION_OUTCOMES.map((k) => [k, 0]));
  if (total > 0) {
    const exact = CONVERSATION_OUTCOMES.map((k) => ({ k, value: (counts[k] * 1000) / total }));
    let left = 1000 - exact.reduce((n, e) => n + Math.floor(e.value), 0);
    for (const e of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1))) {
      const extra = left > 0 ? 1 : 0;
      left -= extra;
      tenths.set(e.k, Math.floor(e.value) + extra);
    }
  }
  const rate = (k: ConversationOutcome): number => (tenths.get(k) ?? 0) / 10;
  return {
    handedOff: rate('handedOff'),
    abstained: rate('abstained'),
    outOfScope: rate('outOfScope'),
    contained: rate('contained'),
  };
}
