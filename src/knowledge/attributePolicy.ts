import { normalizeText } from '../text/normalize.js';
import type { Policy, PolicyId } from './types.js';

// "不是融科的" names 融科 only to rule it out.
const negation = /(不是|并非|非|不属于|不算)$/;

/**
 * The policy a customer's text names through the policies' `names` (product names and cues),
 * when exactly one policy is named; a name right after a negation does not count.
 */
export function createPolicyAttribution(policies: Policy[]): (text: string) => PolicyId | undefined {
  const names = policies.map((p) => ({ id: p.meta.id, words: p.meta.names.map(normalizeText).sort((a, b) => b.length - a.length) }));
  return (text) => {
    const t = normalizeText(text).replace(/\s+/g, '');
    const named = new Set<PolicyId>();
    for (const { id, words } of names) {
      for (const word of words) {
        let at = t.indexOf(word);
        while (at >= 0) {
          // A longer name of another policy may contain this one ("不是融科" holds "融科").
          const covered = names.some((o) => o.id !== id && o.words.some((w) => w.length > word.length && w.includes(word) && t.includes(w)));
          if (!covered && !negation.test(t.slice(Math.max(0, at - 3), at))) named.add(id);
          at = t.indexOf(word, at + 1);
        }
      }
    }
    return named.size === 1 ? [...named][0] : undefined;
  };
}
