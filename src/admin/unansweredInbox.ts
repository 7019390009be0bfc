import { AppError } from '../errors.js';
import { policyIdSchema } from '../knowledge/types.js';
import type { LanguagePair, ReviewedKnowledge } from '../loadDomain.js';
import type { ChangePreview, ChangePreviewer } from './changePreview.js';
import { groupQuestions, type QuestionGroup } from './groupQuestions.js';
import type { AuditEntry, KnowledgeEntry, ReviewStatus, ReviewStore } from './reviewStore.js';

/** What the inbox rebuilds and switches when the knowledge changes (LiveLanguage in the app). */
export interface KnowledgeTarget {
  /** Throws AppError('bad_document') for a wording whose clause no policy has. */
  build(reviewed: ReviewedKnowledge): LanguagePair | undefined;
  use(pair: LanguagePair): void;
}

/** Tells the other instances that the knowledge changed, so they reload it from the store. */
export type AnnounceChange = () => Promise<void>;

/** How the lead links a group: the clause, and whether answers the preview shows breaking are accepted. */
export interface LinkTarget {
  policy: string;
  clause: string;
  confirm?: boolean;
}

/** A word of the group's question and the policies' word it means. */
export interface SynonymTarget {
  word: string;
  canonical: string;
  confirm?: boolean;
}

/** What a change does to a group: link it, add a synonym from it, or (neither) mark it out of scope. */
export type ChangeTarget = LinkTarget | SynonymTarget | undefined;

/**
 * The unanswered-questions inbox: logged questions grouped by similarity, and the lead's three
 * actions on a group. Linking adds the group's question as an alternative wording of a clause;
 * marking out of scope adds it as an out-of-scope example; dismissing only clears it. A change
 * that would turn a right answer on the evaluation data wrong is refused (409, with the
 * preview) unless confirmed. Every action is audited, takes effect here at once and on other
 * instances through the bus.
 */
export class UnansweredInbox {
  constructor(
    private readonly store: ReviewStore,
    private readonly target: KnowledgeTarget,
    private readonly announce: AnnounceChange,
    private readonly previewer?: ChangePreviewer,
  ) {}

  /** Open groups, most asked first. */
  async groups(): Promise<QuestionGroup[]> {
    return groupQuestions(await this.store.openQuestions());
  }

  /** What linking the group, adding a synonym or (without a target) marking it out of scope would change on the evaluation data. */
  async preview(groupId: number, target?: ChangeTarget): Promise<ChangePreview> {
    const group = await this.group(groupId);
    const { pair, current } = await this.candidate(this.entryFor(group, target));
    if (!this.previewer || !pair) throw new AppError('not_implemented', '此实例不能预览。(No preview here.)');
    return this.previewer.preview(pair, current, group.text);
  }

  /** Links a group to the clause containing `clause` in `policy`; 400 when no clause of that policy contains it. */
  async link(groupId: number, target: LinkTarget, actor: string): Promise<QuestionGroup> {
    const group = await this.group(groupId);
    const entry = this.entryFor(group, target);
    return this.decide(group, 'link', 'linked', actor, entry, target.confirm === true, {
      policy: target.policy,
      clause: target.clause,
    });
  }

  /** Adds a synonym the group's question uses (`word` must appear in it); the group leaves the inbox. */
  async addSynonym(groupId: number, target: SynonymTarget, actor: string): Promise<QuestionGroup> {
    const group = await this.group(groupId);
    return this.decide(group, 'synonym', 'synonym', actor, this.entryFor(group, target), target.confirm === true, {
      word: target.word,
      canonical: target.canonical,
    });
  }

  async markOutOfScope(groupId: number, actor: string, confirm = false): Promise<QuestionGroup> {
    const group = await this.group(groupId);
    return this.decide(group, 'out_of_scope', 'out_of_scope', actor, this.entryFor(group), confirm, {});
  }

  async dismiss(groupId: number, actor: string): Promise<QuestionGroup> {
    return this.decide(await this.group(groupId), 'dismiss', 'dismissed', actor, undefined, true, {});
  }

  /**
   * Adds reviewed lines (from `cli knowledge import`): all are checked together first, so a
   * file with one bad clause changes nothing. A line naming an open group's id closes that group.
   */
  async importEntries(
    lines: ReadonlyArray<{ id?: number; entry: KnowledgeEntry }>,
    actor: string,
  ): Promise<Record<KnowledgeEntry['kind'], number>> {
    const next = lines.reduce((reviewed, { entry }) => withEntry(reviewed, entry), await this.store.reviewed());
    const pair = this.buildOrRefuse(next);
    const open = await this.groups();
    for (const { id, entry } of lines) {
      const group = open.find((g) => g.id === id);
      const status = entry.kind === 'alternative' ? 'linked' : entry.kind;
      await this.store.change({
        actor,
        action: 'import',
        status,
        questionIds: group?.questionIds ?? [],
        entry,
        detail: { group: group?.id ?? null, ...entry },
      });
    }
    if (pair) this.target.use(pair);
    if (lines.length > 0) await this.announce();
    const count = (kind: KnowledgeEntry['kind']) => lines.filter((l) => l.entry.kind === kind).length;
    return { alternative: count('alternative'), out_of_scope: count('out_of_scope'), synonym: count('synonym') };
  }

  /** Reloads the knowledge from the store (another instance changed it). */
  async reload(): Promise<void> {
    const pair = this.target.build(await this.store.reviewed());
    if (pair) this.target.use(pair);
  }

  async audit(): Promise<AuditEntry[]> {
    return this.store.audit();
  }

  private async group(id: number): Promise<QuestionGroup> {
    const group = (await this.groups()).find((g) => g.id === id);
    if (!group) throw new AppError('not_found', `没有待处理的问题 ${id}。(No open question group ${id}.)`, { id });
    return group;
  }

  /** The addition a link, a synonym or an out-of-scope mark (no target) makes of the group. */
  private entryFor(group: QuestionGroup, target?: ChangeTarget): KnowledgeEntry {
    if (!target) return { kind: 'out_of_scope', question: group.text };
    if ('word' in target) {
      if (!group.texts.some((t) => t.includes(target.word)))
        throw new AppError('bad_request', `问题中没有“${target.word}”。(The word is not in the question.)`, {
          field: 'word',
        });
      return { kind: 'synonym', word: target.word, canonical: target.canonical };
    }
    const policy = policyIdSchema.safeParse(target.policy);
    if (!policy.success)
      throw new AppError('bad_request', `没有政策 ${target.policy}。(No policy ${target.policy}.)`, {
        field: 'policy',
      });
    return { kind: 'alternative', question: group.text, policy: policy.data, clause: target.clause };
  }

  /** The knowledge with the store's additions plus this one, built (not yet used). */
  private async candidate(
    entry: KnowledgeEntry,
  ): Promise<{ pair: LanguagePair | undefined; current: ReviewedKnowledge }> {
    const current = await this.store.reviewed();
    return { pair: this.buildOrRefuse(withEntry(current, entry)), current };
  }

  private async decide(
    group: QuestionGroup,
    action: string,
    status: ReviewStatus,
    actor: string,
    entry: KnowledgeEntry | undefined,
    confirmed: boolean,
    extra: Record<string, unknown>,
  ): Promise<QuestionGroup> {
    // Built before it is stored: a clause no policy has is refused and nothing changes.
    const built = entry ? await this.candidate(entry) : undefined;
    if (built?.pair && this.previewer && !confirmed) {
      const preview = await this.previewer.preview(built.pair, built.current, group.text);
      if (preview.broken.length > 0)
        throw new AppError(
          'conflict',
          `这一改动会让 ${preview.broken.length} 个原本答对的问题答错，请确认后再提交。(Needs confirmation.)`,
          { preview },
        );
    }
    await this.store.change({
      actor,
      action,
      status,
      questionIds: group.questionIds,
      entry,
      detail: { group: group.id, question: group.text, count: group.count, ...extra },
    });
    if (built?.pair) this.target.use(built.pair);
    if (entry) await this.announce();
    return group;
  }

  /** Builds the additions, or refuses them (400) when a wording names a clause no policy has. */
  private buildOrRefuse(reviewed: ReviewedKnowledge): LanguagePair | undefined {
    try {
      return this.target.build(reviewed);
    } catch (error) {
      if (error instanceof AppError && error.code === 'bad_document')
        throw new AppError('bad_request', `没有这样的条款：${error.message} (No such clause.)`, { field: 'clause' });
      throw error;
    }
  }
}

/** The reviewed knowledge with one more addition. */
function withEntry(reviewed: ReviewedKnowledge, entry: KnowledgeEntry): ReviewedKnowledge {
  switch (entry.kind) {
    case 'alternative':
      return {
        ...reviewed,
        alternatives: [
          ...reviewed.alternatives,
          { policy: entry.policy, question: entry.question, clause: entry.clause, origin: 'new' },
        ],
      };
    case 'synonym':
      return { ...reviewed, synonyms: [...reviewed.synonyms, [entry.canonical, entry.word]] };
    case 'out_of_scope':
      return { ...reviewed, outOfScope: [...reviewed.outOfScope, entry.question] };
  }
}
