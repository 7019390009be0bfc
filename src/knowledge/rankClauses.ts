import type { Segmenter } from '../text/segment.js';
import type { AnswerTypeBoost } from './answerTypes.js';
import { Bm25Index } from './bm25.js';
import type { Clause, PolicyId, RankedClause } from './types.js';

/** Adds words to a question before ranking, e.g. a city's service-area class. */
export type QueryExpander = (question: string) => string[];

const CHAR_WEIGHT = 0.3;
const UNKNOWN_WORD_WEIGHT = 0.5;
const isChar = (t: string) => t.startsWith('#');
// "两年", "3个月", "两根": values the customer states, not topics the policy must mention.
const isQuantity = (t: string) => /^[\d一二两三四五六七八九十几半多]+个?(天|周|月|年|小时|次|根|条|块|台|个)$/.test(t);

/** BM25 over jieba words plus single characters, on clause text, section path and context. */
export class ClauseRanker {
  private readonly index: Bm25Index;
  /** Text of the clause's whole line: a table cell is judged together with its row. */
  private readonly rowText: string[];
  private lastQuery: { question: string; words: string[]; terms: string[] } | undefined;

  constructor(
    private readonly clauses: Clause[],
    private readonly titles: ReadonlyMap<string, string>,
    private readonly segmenter: Segmenter,
    private readonly expanders: QueryExpander[] = [],
    private readonly answerType: AnswerTypeBoost = () => ({ asked: 0, boost: () => 1 }),
  ) {
    const byLine = new Map<string, string>();
    for (const c of clauses) byLine.set(`${c.policy}:${c.line}`, `${byLine.get(`${c.policy}:${c.line}`) ?? ''}${c.text}`);
    this.rowText = clauses.map((c) => byLine.get(`${c.policy}:${c.line}`) ?? c.text);
    // A table cell is indexed with its row: "RAID卡" and "三年保修" sit in two cells of one row.
    const rowOf = (c: Clause, id: number) => (c.kind === 'cell' ? (this.rowText[id] ?? '') : '');
    this.index = new Bm25Index(
      clauses.map((c, id) => ({ id, terms: segmenter.terms(`${titles.get(c.policy) ?? ''} ${c.section.join(' ')} ${c.context} ${c.text} ${c.text} ${rowOf(c, id)}`) })),
    );
  }

  /** The query's terms after expansion (remembered for the last question: one answer asks many times). */
  queryTerms(question: string): string[] {
    return this.expanded(question).terms;
  }

  /** Expands and segments a question once: whole words for confidence, search terms for ranking. */
  private expanded(question: string): { words: string[]; terms: string[] } {
    if (this.lastQuery?.question === question) return this.lastQuery;
    const text = [question, ...this.expanders.flatMap((expand) => expand(question))].join(' ');
    this.lastQuery = { question, words: this.segmenter.tokens(text), terms: this.segmenter.terms(text) };
    return this.lastQuery;
  }

  /** Clauses for the question, best first, with BM25 scores. */
  rank(question: string, options: { policy?: PolicyId; limit?: number } = {}): RankedClause[] {
    const terms = this.queryTerms(question);
    const { boost } = this.answerType(question);
    const ranked: RankedClause[] = [];
    for (const hit of this.index.search(terms, (t) => (isChar(t) ? CHAR_WEIGHT : 1))) {
      const clause = this.clauses[hit.id];
      if (clause && (!options.policy || clause.policy === options.policy)) ranked.push({ clause, score: hit.score * boost(this.rowText[hit.id] ?? clause.text) });
    }
    return ranked.sort((a, b) => b.score - a.score).slice(0, options.limit ?? 10);
  }

  /**
   * When every content word of the question is in the heading, the customer asks about the
   * topic itself ("保换期有几天"), and the section's opening clauses answer better than
   * whichever sentence happens to repeat the word. Returns how many other words the heading
   * has (smaller fits better), or undefined when it does not cover the question.
   */
  headingFit(question: string, heading: string): number | undefined {
    const words = new Set(this.segmenter.terms(heading).filter((t) => !isChar(t)));
    const asked = this.queryTerms(question).filter((t) => !isChar(t));
    if (!asked.length || !asked.every((w) => words.has(w))) return undefined;
    return words.size - new Set(asked).size;
  }

  /** The answer-type multiplier of a text for this question (> 1: it states what was asked). */
  answerTypeBoost(question: string, text: string): number {
    return this.answerType(question).boost(text);
  }

  /** True when the question asks for a kind of fact (a phone number, a period) the text does not state. */
  lacksAskedFact(question: string, text: string): boolean {
    const type = this.answerType(question);
    return type.asked > 0 && type.boost(text) === 1;
  }

  /**
   * How much of the question the clause accounts for: the IDF-weighted share of the
   * query's words found in it.
   */
  confidence(question: string, clause: Clause): number {
    const id = this.clauses.indexOf(clause);
    // Whole words only: the parts search mode adds (操作系统 → 操作, 系统) earn partial credit
    // below instead of counting as words the customer asked about.
    const asked = this.expanded(question).words;
    // A stated quantity counts when the clause states it too ("三年"), and is ignored otherwise.
    const words = [...new Set(asked.filter((t) => !(isQuantity(t) && !this.index.contains(id, t))))];
    if (!words.length || id < 0) return 0;
    let total = 0;
    let matched = 0;
    for (const w of words) {
      // Colloquial words no policy uses ("管不管", "机房") weigh half: they dilute a
      // question but do not make it unanswerable. A question of only such words still scores 0.
      const idf = this.index.knows(w) ? this.index.idf(w) : this.index.idf(w) * UNKNOWN_WORD_WEIGHT;
      total += idf;
      matched += idf * this.wordCredit(id, w);
    }
    return total ? matched / total : 0;
  }

  /** 1 when the clause has the word; half when it has all of its parts, or all of its characters. */
  private wordCredit(id: number, word: string): number {
    if (this.index.contains(id, word)) return 1;
    const parts = this.segmenter.subwords(word);
    if (parts.length > 0 && parts.every((p) => this.index.contains(id, p))) return 0.5;
    if (word.length > 1 && [...word].every((ch) => this.index.contains(id, `#${ch}`))) return 0.5;
    return 0;
  }
}
