import { normalizeText } from '../text/normalize.js';
import type { Clause } from './types.js';

/** Letters and digits only, normalised: how a quoted piece is compared with clause text. */
export const compactText = (s: string): string => normalizeText(s).replace(/[^\p{L}\p{N}]/gu, '');

/** Finds clauses by a verbatim piece of their text (compared letters and digits only). */
export interface ClauseLookup {
  /**
   * The first clause of a policy whose text, or else whose last heading and text together,
   * contains the piece.
   */
  find(policy: string, piece: string): Clause | undefined;
}

/** Indexes the clauses once: every data file that points at clauses by a piece of their text uses it. */
export function createClauseLookup(clauses: readonly Clause[]): ClauseLookup {
  const texts = clauses.map((c) => ({ clause: c, text: compactText(c.text), headed: compactText(`${c.section.at(-1) ?? ''}${c.text}`) }));
  return {
    find(policy, piece) {
      const wanted = compactText(piece);
      if (!wanted) return undefined;
      const own = texts.filter((t) => t.clause.policy === policy);
      return (own.find((t) => t.text.includes(wanted)) ?? own.find((t) => t.headed.includes(wanted)))?.clause;
    },
  };
}
