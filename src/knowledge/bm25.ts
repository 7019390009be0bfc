/** A document for the BM25 index: its id and its terms (with repeats). */
export interface IndexedDoc {
  id: number;
  terms: string[];
}

/**
 * Okapi BM25 over pre-tokenised documents. Small and exact: the policy corpus has
 * a few hundred clauses, so a plain postings map is both fast and easy to check.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths = new Map<number, number>();
  private readonly avgLength: number;
  /** Each term's postings with what search needs precomputed (a search runs per message, the build once). */
  private readonly scoring = new Map<string, { ids: number[]; tfs: number[]; norms: number[] }>();
  readonly size: number;

  constructor(docs: IndexedDoc[], private readonly k1 = 1.2, private readonly b = 0.75) {
    for (const doc of docs) {
      this.lengths.set(doc.id, doc.terms.length);
      for (const term of doc.terms) {
        const posting = this.postings.get(term) ?? new Map<number, number>();
        posting.set(doc.id, (posting.get(doc.id) ?? 0) + 1);
        this.postings.set(term, posting);
      }
    }
    this.size = docs.length;
    const total = [...this.lengths.values()].reduce((a, n) => a + n, 0);
    this.avgLength = docs.length ? total / docs.length : 0;
    for (const [term, posting] of this.postings) {
      const ids: number[] = [];
      const tfs: number[] = [];
      const norms: number[] = [];
      for (const [docId, tf] of posting) {
        const len = this.lengths.get(docId) ?? 0;
        ids.push(docId);
        tfs.push(tf);
        norms.push(tf + this.k1 * (1 - this.b + (this.b * len) / (this.avgLength || 1)));
      }
      this.scoring.set(term, { ids, tfs, norms });
    }
  }

  /** Inverse document frequency; a term absent from the corpus gets the maximum. */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** True when the term occurs somewhere in the corpus. */
  knows(term: string): boolean {
    return this.postings.has(term);
  }

  /** True when the document contains the term. */
  contains(docId: number, term: string): boolean {
    return this.postings.get(term)?.has(docId) ?? false;
  }

  /** Scores every document that shares a term with the query, best first. */
  search(queryTerms: string[], weight: (term: string) => number = () => 1): { id: number; score: number }[] {
    const scores = new Map<number, number>();
    for (const term of new Set(queryTerms)) {
      const posting = this.scoring.get(term);
      if (!posting) continue;
      const idf = this.idf(term) * weight(term);
      const { ids, tfs, norms } = posting;
      for (let i = 0; i < ids.length; i++) {
        const docId = ids[i] ?? 0;
        // The same expression, in the same order, as before precomputing: scores stay bit-identical.
        scores.set(docId, (scores.get(docId) ?? 0) + (idf * (tfs[i] ?? 0) * (this.k1 + 1)) / (norms[i] ?? 1));
      }
    }
    return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
