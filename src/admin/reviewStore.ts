import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ReviewedKnowledge } from '../loadDomain.js';
import type { Database } from '../storage/schema.js';
import type { UnderstandingTables } from '../understanding/tables.js';
import { unansweredKinds, type UnansweredEntry } from '../understanding/unansweredLog.js';
import type { AdminTables } from './tables.js';

const candidatesSchema = z
  .array(z.object({ policy: z.string(), section: z.string(), quote: z.string(), score: z.number() }))
  .catch([]);
const kindSchema = z.enum(unansweredKinds).catch('abstained');
const detailSchema = z.record(z.string(), z.unknown()).catch({});

export type ReviewStatus = 'linked' | 'out_of_scope' | 'synonym' | 'dismissed';

/** A change the lead made, as the audit log keeps it. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** A knowledge addition as the lead made it (kept in the store, exported for review in git). */
export type KnowledgeEntry =
  | { kind: 'alternative'; question: string; policy: string; clause: string }
  | { kind: 'out_of_scope'; question: string }
  /** `word` as customers write it means `canonical`, the policies' word. */
  | { kind: 'synonym'; word: string; canonical: string };

/**
 * The lead's side of the store: unanswered questions not yet reviewed, the accepted
 * additions to the knowledge (wordings and out-of-scope examples), and the audit log. A
 * change writes its addition, its reviews and its audit line in one transaction.
 */
export class ReviewStore {
  private readonly db: Kysely<Database & AdminTables & UnderstandingTables>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = db.withTables<AdminTables & UnderstandingTables>();
  }

  /** Logged questions nobody has reviewed yet, oldest first. */
  async openQuestions(limit = 5000): Promise<Array<UnansweredEntry & { id: number }>> {
    const rows = await this.db
      .selectFrom('unanswered_questions as q')
      .leftJoin('unanswered_reviews as r', 'r.question_id', 'q.id')
      .select(['q.id', 'q.at', 'q.conversation_id', 'q.kind', 'q.text', 'q.intent', 'q.confidence', 'q.candidates'])
      .where('r.question_id', 'is', null)
      .orderBy('q.at')
      .orderBy('q.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      conversationId: r.conversation_id,
      kind: kindSchema.parse(r.kind),
      text: r.text,
      intent: r.intent,
      confidence: r.confidence,
      candidates: candidatesSchema.parse(JSON.parse(r.candidates)),
    }));
  }

  /** Every addition, oldest first, as the knowledge base loads them. */
  async reviewed(): Promise<ReviewedKnowledge> {
    const entries = await this.entries();
    return {
      alternatives: entries.flatMap((e) =>
        e.kind === 'alternative'
          ? [{ policy: e.policy, question: e.question, clause: e.clause, origin: "the lead's store" }]
          : [],
      ),
      outOfScope: entries.flatMap((e) => (e.kind === 'out_of_scope' ? [e.question] : [])),
      synonyms: entries.flatMap((e) => (e.kind === 'synonym' ? [[e.canonical, e.word]] : [])),
    };
  }

  /** Every addition, oldest first, as the lead made it. */
  async entries(): Promise<KnowledgeEntry[]> {
    const rows = await this.db.selectFrom('knowledge_entries').selectAll().orderBy('id').execute();
    return rows.flatMap((r): KnowledgeEntry[] => {
      if (r.kind === 'alternative' && r.policy && r.clause)
        return [{ kind: 'alternative', question: r.question, policy: r.policy, clause: r.clause }];
      if (r.kind === 'synonym' && r.clause) return [{ kind: 'synonym', word: r.question, canonical: r.clause }];
      if (r.kind === 'out_of_scope') return [{ kind: 'out_of_scope', question: r.question }];
      return [];
    });
  }

  /** Records a change: the addition (if any), each question's review, and the audit line. */
  async change(change: {
    actor: string;
    action: string;
    status: ReviewStatus;
    questionIds: readonly number[];
    entry?: KnowledgeEntry;
    detail: Record<string, unknown>;
  }): Promise<void> {
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const { entry } = change;
      if (entry) {
        const row =
          entry.kind === 'alternative'
            ? { question: entry.question, policy: entry.policy, clause: entry.clause }
            : entry.kind === 'synonym'
              ? { question: entry.word, policy: null, clause: entry.canonical }
              : { question: entry.question, policy: null, clause: null };
        await trx
          .insertInto('knowledge_entries')
          .values({ kind: entry.kind, ...row, created_by: change.actor, created_at: at })
          .execute();
      }
      for (const id of change.questionIds) {
        await trx
          .insertInto('unanswered_reviews')
          .values({ question_id: id, status: change.status, by: change.actor, at })
          .onConflict((oc) => oc.column('question_id').doUpdateSet({ status: change.status, by: change.actor, at }))
          .execute();
      }
      await trx
        .insertInto('admin_audit')
        .values({ at, actor: change.actor, action: change.action, detail: JSON.stringify(change.detail) })
        .execute();
    });
  }

  /** The audit log, newest first. */
  async audit(limit = 200): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('admin_audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      detail: detailSchema.parse(JSON.parse(r.detail)),
    }));
  }
}
