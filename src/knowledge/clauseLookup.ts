import { normalizeText } from '../text/normalize.js';
import type { Clause } from './types.js';

/** Letters and digits only, normalised: how a quoted piece is compared with clause text. */
export const compactText = (s: string): string => normalizeText(s).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Finds the first clause of a policy whose text, or else whose last heading and text together,
 * contains the piece (compared letters and digits only).
 */
export function findClauseByPiece(clauses: readonly Clause[], policy: string, piece: string): Clause | undefined {
  const wanted = compactText(piece);
  if (!wanted) return undefined;
  const own = clauses.filter((c) => c.policy === policy);
  return own.find((c) => compactText(c.text).includes(wanted)) ?? own.find((c) => compactText(`${c.section.at(-1) ?? ''}${c.text}`).includes(wanted));
}
