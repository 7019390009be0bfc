import type { Kysely } from 'kysely';
import type { TurnRecord } from '../observability/metrics.js';
import type { Database } from '../storage/schema.js';
import type { AdminTables } from './tables.js';

/** A turn as the bot reports it, with the conversation and what the bot said (read here, never stored). */
export interface ObservedTurn extends TurnRecord {
  conversationId?: string;
  replies?: readonly string[];
}

/** Where an answer names its source: `《policy title》section › path：` then the quote on the next line. */
const CITATION = /《([^》\n]+)》([^：\n]+)：\n「/g;

/**
 * Records each customer message's outcome, intent and the clauses its reply quoted, for the
 * lead's reports. The customer's text and the reply are not kept: only labels and clause names.
 */
export class TurnOutcomeLog {
  private readonly db: Kysely<Database & AdminTables>;
  private readonly policyByTitle: Map<string, string>;

  constructor(
    db: Kysely<Database>,
    policies: ReadonlyArray<{ id: string; title: string }>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = db.withTables<AdminTables>();
    this.policyByTitle = new Map(policies.map((p) => [p.title, p.id]));
  }

  /** Stores one turn; turns without a conversation (not a customer message) are skipped. */
  async record(turn: ObservedTurn): Promise<void> {
    if (!turn.conversationId) return;
    await this.db
      .insertInto('turn_outcomes')
      .values({
        at: this.now().toISOString(),
        conversation_id: turn.conversationId,
        intent: turn.intent.slice(0, 32),
        outcome: turn.outcome,
        cited: JSON.stringify(this.citedClauses(turn.replies ?? [])),
      })
      .execute();
  }

  /** The clauses the replies quote, as "policy › section", each once. */
  citedClauses(replies: readonly string[]): string[] {
    const cited = new Set<string>();
    for (const reply of replies) {
      for (const match of reply.matchAll(CITATION)) {
        const policy = this.policyByTitle.get(match[1] ?? '');
        if (policy) cited.add(`${policy} › ${(match[2] ?? '').trim()}`);
      }
    }
    return [...cited];
  }
}
