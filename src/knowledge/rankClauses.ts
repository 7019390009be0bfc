import { normalizeText } from '../text/normalize.js';
import type { QuestionFocus } from '../text/focus.js';
import { maskPersonalData } from '../text/maskPersonalData.js';
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

/** A customer's wording of a question a clause answers (data in knowledge/, and the lead's additions). */
export interface AlternativeQuestion {
  question: string;
  /** Index of the clause in the ranker's clause list. */
  clause: number;
}

/** How much an alternative question's BM25 score counts next to the clause's own. */
const ALTERNATIVE_WEIGHT = 2;

export interface RankOptions {
  /** Only clauses of this policy. */
  policy?: PolicyId;
  limit?: number;
  /** Ignore alternative wordings identical to the question (fitting on the alternatives themselves). */
  leaveOut?: boolean;
}

export interface RankerOptions {
  clauses: Clause[];
  /** Policy titles by id, indexed with each clause. */
  titles: ReadonlyMap<string, string>;
  segmenter: Segmenter;
  /** Extra query words (a city's tier, a duration's window, an answer type's words). */
  expanders?: QueryExpander[];
  answerType?: AnswerTypeBoost;
  alternatives?: readonly AlternativeQuestion[];
  /** Drops lead-ins and tails that are not the question's topic. */
  focus?: QuestionFocus;
}

const compactQuestion = (q: string) => normalizeText(q).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * BM25 over jieba words plus single characters, on clause text, section path and context,
 * fused with BM25 over alternative wordings of the questions each clause answers.
 */
export class ClauseRanker {
  private readonly index: Bm25Index;
  private readonly alternativeIndex: Bm25Index;
  private readonly alternativeText: string[];
  /** Text of the clause's whole line: a table cell is judged together with its row. */
  private readonly rowText: string[];
  private lastQuery: { question: string; words: string[]; terms: string[] } | undefined;
  /** Words of each section heading (there are a few dozen, asked about on every question). */
  private readonly headingWords = new Map<string, Set<string>>();

  private readonly clauses: Clause[];
  private readonly segmenter: Segmenter;
  private readonly expanders: QueryExpander[];
  private readonly answerType: AnswerTypeBoost;
  private readonly alternatives: readonly AlternativeQuestion[];
  private readonly focus: QuestionFocus;

  constructor(options: RankerOptions) {
    const { clauses, titles, segmenter } = options;
    this.clauses = clauses;
    this.segmenter = segmenter;
    this.expanders = options.expanders ?? [];
    this.answerType = options.answerType ?? (() => ({ asked: 0, boost: () => 1 }));
    this.alternatives = options.alternatives ?? [];
    this.focus = options.focus ?? ((text) => text);
    const alternatives = this.alternatives;
    const byLine = new Map<string, string>();
    for (const c of clauses) byLine.set(`${c.policy}:${c.line}`, `${byLine.get(`${c.policy}:${c.line}`) ?? ''}${c.text}`);
    this.rowText = clauses.map((c) => byLine.get(`${c.policy}:${c.line}`) ?? c.text);
    // A table cell is indexed with its row: "RAID卡" and "三年保修" sit in two cells of one row.
    const rowOf = (c: Clause, id: number) => (c.kind === 'cell' ? (this.rowText[id] ?? '') : '');
    this.index = new Bm25Index(
      clauses.map((c, id) => ({ id, terms: segmenter.terms(`${titles.get(c.policy) ?? ''} ${c.section.join(' ')} ${c.context} ${c.text} ${c.text} ${rowOf(c, id)}`) })),
    );
    this.alternativeIndex = new Bm25Index(alternatives.map((a, id) => ({ id, terms: segmenter.terms(a.question) })));
    this.alternativeText = alternatives.map((a) => compactQuestion(a.question));
  }

  /** The query's terms after expansion (remembered for the last question: one answer asks many times). */
  queryTerms(question: string): string[] {
    return this.expanded(question).terms;
  }

  /** Expands and segments a question once: whole words for confidence, search terms for ranking. */
  private expanded(question: string): { words: string[]; terms: string[] } {
    if (this.lastQuery?.question === question) return this.lastQuery;
    // Phone numbers, e-mails and names say who is asking, never what: they only add noise.
    const focused = this.focus(maskPersonalData(this.segmenter.readable(question)).replace(/\[(?:电话|邮箱|证件号|地址|姓名|姓)\]/g, ' '));
    const text = [focused, ...this.expanders.flatMap((expand) => expand(question))].join(' ');
    this.lastQuery = { question, words: this.segmenter.tokens(text), terms: this.segmenter.terms(text) };
    return this.lastQuery;
  }

  /**
   * Clauses for the question, best first: the clause's own BM25 score plus the best BM25 score of an
   * alternative wording that clause answers, times the answer-type boost. `leaveOut` ignores
   * alternatives worded exactly like the question (for fitting the answer decision on them).
   */
  rank(question: string, options: RankOptions = {}): RankedClause[] {
    const terms = this.queryTerms(question);
    const { boost } = this.answerType(question);
    const weight = (t: string) => (isChar(t) ? CHAR_WEIGHT : 1);
    const lexical = new Map(this.index.search(terms, weight).map((h) => [h.id, h.score]));
    const similar = new Map<number, { score: number; alternative: number }>();
    const asked = options.leaveOut ? compactQuestion(question) : undefined;
    for (const hit of this.alternativeIndex.search(terms, weight)) {
      const alternative = this.alternatives[hit.id];
      if (!alternative || (asked !== undefined && this.alternativeText[hit.id] === asked)) continue;
      if (hit.score > (similar.get(alternative.clause)?.score ?? 0)) similar.set(alternative.clause, { score: hit.score, alternative: hit.id });
    }
    const ranked: Array<RankedClause & { id: number }> = [];
    for (const id of new Set([...lexical.keys(), ...similar.keys()])) {
      const clause = this.clauses[id];
      if (!clause || (options.policy && clause.policy !== options.policy)) continue;
      const own = lexical.get(id) ?? 0;
      const alike = similar.get(id);
      const score = (own + ALTERNATIVE_WEIGHT * (alike?.score ?? 0)) * boost(this.rowText[id] ?? clause.text);
      ranked.push({ id, clause, score, lexical: own, similar: alike?.score ?? 0, alternative: alike?.alternative });
    }
    ranked.sort((a, b) => b.score - a.score || a.id - b.id);
    return ranked.slice(0, options.limit ?? 10).map(({ id: _id, ...r }) => r);
  }

  /** The best-matching alternative wordings for a question: which clause each answers, and its BM25 score. */
  nearestAlternatives(question: string, limit: number, leaveOut = false): Array<{ clause: Clause; score: number }> {
    const asked = leaveOut ? compactQuestion(question) : undefined;
    const weight = (t: string) => (isChar(t) ? CHAR_WEIGHT : 1);
    const out: Array<{ clause: Clause; score: number }> = [];
    for (const hit of this.alternativeIndex.search(this.queryTerms(question), weight)) {
      const alternative = this.alternatives[hit.id];
      const clause = alternative && this.clauses[alternative.clause];
      if (!clause || (asked !== undefined && this.alternativeText[hit.id] === asked)) continue;
      out.push({ clause, score: hit.score });
      if (out.length === limit) break;
    }
    return out;
  }

  /** The alternative wording with this index (for explaining a match). */
  alternativeQuestion(index: number): string | undefined {
    return this.alternatives[index]?.question;
  }

  /**
   * How much of the question an alternative wording accounts for: the IDF-weighted share of the
   * question's words it contains (a near-paraphrase scores close to 1).
   */
  similarity(question: string, alternative: number | undefined): number {
    if (alternative === undefined) return 0;
    const words = [...new Set(this.expanded(question).words.filter((t) => !isQuantity(t)))];
    let total = 0;
    let matched = 0;
    for (const w of words) {
      const idf = this.alternativeIndex.knows(w) ? this.alternativeIndex.idf(w) : this.alternativeIndex.idf(w) * UNKNOWN_WORD_WEIGHT;
      total += idf;
      if (this.alternativeIndex.contains(alternative, w)) matched += idf;
    }
    return total ? matched / total : 0;
  }

  /**
   * When every content word of the question is in the heading, the customer asks about the
   * topic itself ("保换期有几天"), and the section's opening clauses answer better than
   * whichever sentence happens to repeat the word. Returns how many other words the heading
   * has (smaller fits better), or undefined when it does not cover the question.
   */
  headingFit(question: string, heading: string): number | undefined {
    let words = this.headingWords.get(heading);
    if (!words) {
      words = new Set(this.segmenter.terms(heading).filter((t) => !isChar(t)));
      this.headingWords.set(heading, words);
    }
    const asked = this.queryTerms(question).filter((t) => !isChar(t));
    if (!asked.length || !asked.every((w) => words.has(w))) return undefined;
    return words.size - new Set(asked).size;
  }

  /** How many kinds of fact (a period, a phone number) the question asks for. */
  askedTypes(question: string): number {
    return this.answerType(question).asked;
  }

  /** How many content words the question has (after expansion). */
  questionWords(question: string): number {
    return new Set(this.expanded(question).words).size;
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
