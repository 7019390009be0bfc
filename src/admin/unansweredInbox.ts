import { AppError } from '../errors.js';
import { policyIdSchema } from '../knowledge/types.js';
import type { ReviewedKnowledge } from '../loadDomain.js';
import { groupQuestions, type QuestionGroup } from './groupQuestions.js';
import type { AuditEntry, KnowledgeEntry, ReviewStatus, ReviewStore } from './reviewStore.js';

/** What the inbox switches when the knowledge changes (LiveLanguage, or nothing in tests that swap it). */
export interface KnowledgeTarget {
  apply(reviewed: ReviewedKnowledge): void;
}

/** Tells the other instances that the knowledge changed, so they reload it from the store. */
export type AnnounceChange = () => Promise<void>;

/**
 * The unanswered-questions inbox: logged questions grouped by similarity, and the lead's three
 * actions on a group. Linking adds the group's question as an alternative wording of a clause;
 * marking out of scope adds it as an out-of-scope example; dismissing only clears it. Every
 * action is audited, takes effect here at once and on other instances through the bus.
 */
export class UnansweredInbox {
  constructor(
    private readonly store: ReviewStore,
    private readonly target: KnowledgeTarget,
    private readonly announce: AnnounceChange,
  ) {}

  /** Open groups, most asked first. */
  async groups(): Promise<QuestionGroup[]> {
    return groupQuestions(await this.store.openQuestions());
  }

  /** Links a group to the clause containing `clause` in `policy`; 400 when no clause of that policy contains it. */
  async link(groupId: number, target: { policy: string; clause: string }, actor: string): Promise<QuestionGroup> {
    const policy = policyIdSchema.safeParse(target.policy);
    if (!policy.success) throw new AppError('bad_request', `没有政策 ${target.policy}。(No policy ${target.policy}.)`, { field: 'policy' });
    const group = await this.group(groupId);
    const entry: KnowledgeEntry = { kind: 'alternative', question: group.text, policy: policy.data, clause: target.clause };
    return this.decide(group, 'link', 'linked', actor, entry, { policy: policy.data, clause: target.clause });
  }

  async markOutOfScope(groupId: number, actor: string): Promise<QuestionGroup> {
    const group = await this.group(groupId);
    return this.decide(group, 'out_of_scope', 'out_of_scope', actor, { kind: 'out_of_scope', question: group.text }, {});
  }

  async dismiss(groupId: number, actor: string): Promise<QuestionGroup> {
    return this.decide(await this.group(groupId), 'dismiss', 'dismissed', actor, undefined, {});
  }

  /**
   * Adds reviewed lines (from `cli knowledge import`): all are checked together first, so a
   * file with one bad clause changes nothing. A line naming an open group's id closes that group.
   */
  async importEntries(lines: ReadonlyArray<{ id?: number; entry: KnowledgeEntry }>, actor: string): Promise<{ alternatives: number; outOfScope: number }> {
    const current = await this.store.reviewed();
    const alternatives = lines.flatMap(({ entry }) => (entry.kind === 'alternative' ? [{ policy: entry.policy, question: entry.question, clause: entry.clause, origin: 'import' }] : []));
    const outOfScope = lines.flatMap(({ entry }) => (entry.kind === 'out_of_scope' ? [entry.question] : []));
    this.applyOrRefuse({ alternatives: [...current.alternatives, ...alternatives], outOfScope: [...current.outOfScope, ...outOfScope] });
    const open = await this.groups();
    for (const { id, entry } of lines) {
      const group = open.find((g) => g.id === id);
      const target = entry.kind === 'alternative' ? { policy: entry.policy, clause: entry.clause } : {};
      await this.store.change({
        actor,
        action: 'import',
        status: entry.kind === 'alternative' ? 'linked' : 'out_of_scope',
        questionIds: group?.questionIds ?? [],
        entry,
        detail: { group: group?.id ?? null, question: entry.question, kind: entry.kind, ...target },
      });
    }
    if (lines.length > 0) await this.announce();
    return { alternatives: alternatives.length, outOfScope: outOfScope.length };
  }

  /** Reloads the knowledge from the store (another instance changed it). */
  async reload(): Promise<void> {
    this.target.apply(await this.store.reviewed());
  }

  async audit(): Promise<AuditEntry[]> {
    return this.store.audit();
  }

  private async group(id: number): Promise<QuestionGroup> {
    const group = (await this.groups()).find((g) => g.id === id);
    if (!group) throw new AppError('not_found', `没有待处理的问题 ${id}。(No open question group ${id}.)`, { id });
    return group;
  }

  private async decide(group: QuestionGroup, action: string, status: ReviewStatus, actor: string, entry: KnowledgeEntry | undefined, extra: Record<string, unknown>): Promise<QuestionGroup> {
    if (entry) {
      const current = await this.store.reviewed();
      const next: ReviewedKnowledge =
        entry.kind === 'alternative'
          ? { ...current, alternatives: [...current.alternatives, { policy: entry.policy, question: entry.question, clause: entry.clause, origin: 'new link' }] }
          : { ...current, outOfScope: [...current.outOfScope, entry.question] };
      // Built before it is stored: a clause no policy has is refused and nothing changes.
      this.applyOrRefuse(next);
    }
    await this.store.change({ actor, action, status, questionIds: group.questionIds, entry, detail: { group: group.id, question: group.text, count: group.count, ...extra } });
    if (entry) await this.announce();
    return group;
  }

  /** Switches to the additions, or refuses them (400) when a wording names a clause no policy has. */
  private applyOrRefuse(reviewed: ReviewedKnowledge): void {
    try {
      this.target.apply(reviewed);
    } catch (error) {
      if (error instanceof AppError && error.code === 'bad_document') throw new AppError('bad_request', `没有这样的条款：${error.message} (No such clause.)`, { field: 'clause' });
      throw error;
    }
  }
}
