import { readEvalItems } from '../cli/evalCommand.js';
import { isKnowledgeHit, type EvalItem } from '../cli/evalMetrics.js';
import { classifyMessage, type ClassifiedMessage } from '../cli/runtime.js';
import { readAlternativeSources } from '../knowledge/loadAlternatives.js';
import type { LanguagePair, ReviewedKnowledge } from '../loadDomain.js';
import type { UnderstandingServices } from '../understanding/understandMessage.js';
import { similarity } from './groupQuestions.js';

/** One evaluation question whose answer a change would turn right or wrong. */
export interface ChangedAnswer {
  id: string;
  text: string;
  before: string | null;
  after: string | null;
}

/** What a change would do to the evaluation data: the dev sets plus every accepted question. */
export interface ChangePreview {
  questions: number;
  rightBefore: number;
  rightAfter: number;
  /** Questions answered wrongly before and rightly after. */
  fixed: ChangedAnswer[];
  /** Questions answered rightly before and wrongly after: these need the lead's confirmation. */
  broken: ChangedAnswer[];
}

/** The language the preview compares: the one in use, and how to understand with another pair. */
export interface PreviewLanguage {
  current(): LanguagePair;
  understandingWith(pair: LanguagePair): UnderstandingServices;
}

const MAX_LISTED = 20;
/**
 * Accepted questions this alike to the changed one (Jaccard over character pairs) are run; the
 * 2,000-odd others would take ~15 s on a busy machine and a new wording moves the answers of
 * questions like it. The dev sets are always run whole.
 */
const NEAR = 0.2;

/**
 * Runs the evaluation questions through the current knowledge and a candidate, and reports
 * which answers change. A question is right when its intent is one of the labelled ones and,
 * where it names expected clause text, the answer or its first three citations contain it
 * (the same test as `cli eval`). Accepted questions (knowledge/ files and the store) expect
 * their clause; those near the changed question are run (see NEAR).
 */
export class ChangePreviewer {
  private devItems: Promise<EvalItem[]> | undefined;

  constructor(
    private readonly language: PreviewLanguage,
    private readonly source: { evalFiles: readonly string[]; knowledgeDir: string },
  ) {}

  async preview(candidate: LanguagePair, reviewed: ReviewedKnowledge, question: string): Promise<ChangePreview> {
    const current = this.language.current();
    const near = this.accepted(current, reviewed).filter((item) => similarity(item.text, question) >= NEAR);
    const items = [...(await this.dev()), ...near];
    const run = (pair: LanguagePair, item: EvalItem) => {
      const result = classifyMessage(
        { kb: pair.knowledge, matcher: pair.matcher, understanding: this.language.understandingWith(pair) },
        item.text,
      );
      return {
        result,
        right:
          item.intents.includes(result.intent) && (item.expect.length === 0 || isKnowledgeHit(result, item.expect)),
      };
    };
    const preview: ChangePreview = { questions: items.length, rightBefore: 0, rightAfter: 0, fixed: [], broken: [] };
    for (const item of items) {
      const before = run(current, item);
      const after = run(candidate, item);
      preview.rightBefore += before.right ? 1 : 0;
      preview.rightAfter += after.right ? 1 : 0;
      const changed = {
        id: String(item.id),
        text: item.text,
        before: quoteOf(before.result),
        after: quoteOf(after.result),
      };
      if (before.right && !after.right) preview.broken.push(changed);
      if (!before.right && after.right) preview.fixed.push(changed);
    }
    return { ...preview, fixed: preview.fixed.slice(0, MAX_LISTED), broken: preview.broken.slice(0, MAX_LISTED) };
  }

  /** The labelled dev sets (EVAL_FILES), read once. */
  private dev(): Promise<EvalItem[]> {
    this.devItems ??= Promise.all(this.source.evalFiles.map(async (file) => (await readEvalItems(file)).items)).then(
      (sets) => sets.flat(),
    );
    return this.devItems;
  }

  /** Every accepted wording as a regression question expecting its clause: knowledge/ files, then the store. */
  private accepted(current: LanguagePair, reviewed: ReviewedKnowledge): EvalItem[] {
    const sources = [
      ...readAlternativeSources(this.source.knowledgeDir, current.knowledge.policies()),
      ...reviewed.alternatives,
    ];
    return sources.map((s, i) => ({
      id: `accepted-${i + 1}`,
      text: s.question,
      intents: ['policy_question'],
      expect: [s.clause],
    }));
  }
}

function quoteOf(result: ClassifiedMessage): string | null {
  return result.citations[0]?.quote ?? null;
}
