import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../storage/schema.js';
import { maskPersonalData } from '../text/maskPersonalData.js';
import type { UnderstandingTables } from './tables.js';

export const unansweredKinds = ['abstained', 'low_confidence', 'out_of_scope'] as const;
export type UnansweredKind = (typeof unansweredKinds)[number];

/** A clause the bot considered, with its ranking score. */
export interface UnansweredCandidate {
  policy: string;
  section: string;
  quote: string;
  score: number;
}

/** A message the bot could not answer well, as recorded (text already masked). */
export interface UnansweredEntry {
  at: string;
  conversationId: string;
  kind: UnansweredKind;
  text: string;
  intent: string;
  confidence: number;
  candidates: UnansweredCandidate[];
}

/** Where the bot records what it could not answer, for improving the knowledge base. */
export interface UnansweredLog {
  /** Records a message; the text is masked here, so callers pass what the customer wrote. */
  record(entry: Omit<UnansweredEntry, 'at'>): Promise<void>;
  /** Entries since a date (ISO date or timestamp), oldest first. */
  list(options?: { since?: string; limit?: number }): Promise<UnansweredEntry[]>;
}

const candidatesSchema = z.array(
  z.object({ policy: z.string(), section: z.string(), quote: z.string(), score: z.number() }),
);
const kindSchema = z.enum(unansweredKinds);

/** The log on the application database (SQLite or PostgreSQL). */
export class KyselyUnansweredLog implements UnansweredLog {
  private readonly db: Kysely<Database & UnderstandingTables>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = db.withTables<UnderstandingTables>();
  }

  async record(entry: Omit<UnansweredEntry, 'at'>): Promise<void> {
    await this.db
      .insertInto('unanswered_questions')
      .values({
        at: this.now().toISOString(),
        conversation_id: entry.conversationId,
        kind: entry.kind,
        text: maskPersonalData(entry.text),
        intent: entry.intent,
        confidence: Math.round(entry.confidence * 1000) / 1000,
        candidates: JSON.stringify(entry.candidates.map((c) => ({ ...c, score: Math.round(c.score * 100) / 100 }))),
      })
      .execute();
  }

  async list(options: { since?: string; limit?: number } = {}): Promise<UnansweredEntry[]> {
    let query = this.db.selectFrom('unanswered_questions').selectAll().orderBy('at').orderBy('id');
    if (options.since) query = query.where('at', '>=', options.since);
    const rows = await query.limit(options.limit ?? 10_000).execute();
    return rows.map((r) => ({
      at: r.at,
      conversationId: r.conversation_id,
      kind: kindSchema.catch('abstained').parse(r.kind),
      text: r.text,
      intent: r.intent,
      confidence: r.confidence,
      candidates: candidatesSchema.catch([]).parse(JSON.parse(r.candidates)),
    }));
  }
}
