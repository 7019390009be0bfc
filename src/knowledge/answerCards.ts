import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { ClauseLookup } from './clauseLookup.js';
import { policyIdSchema, type Clause } from './types.js';
import { readJsonFile } from './readJsonFile.js';

const cardFileSchema = z.object({
  cards: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      policy: policyIdSchema,
      /** Verbatim pieces of the clauses the answer rests on; the first is the one it answers. */
      clauses: z.array(z.string().min(1)).min(1),
      /** One plain sentence that leads the reply; it may say nothing its clauses do not. */
      answer: z.string().min(1).max(160),
    }),
  ),
});

/** Plain one-line answers authored for clauses, checked against the policies at start-up. */
export interface AnswerCards {
  /** The card answering a group of clauses (its first clause is the card's first), with every clause the card rests on. */
  apply(group: Clause[]): { lead?: string; clauses: Clause[] };
}

// Figures a sentence can state: 90天, 三年, 8小时, 2017年8月1日, 400-018-8995.
const figure = /\d[\d-]*|[一二两三四五六七八九十]+(?=[个]?(?:天|年|月|小时|次))/g;

/** Every figure in the answer must stand in one of its clauses: a card may not invent a number. */
function unsupportedFigures(answer: string, clauses: Clause[]): string[] {
  const text = clauses.map((c) => c.text).join('\n');
  return (answer.match(figure) ?? []).filter((f) => !text.includes(f));
}

/** Loads knowledge/answer-cards.json (optional) and checks each card against the clauses. */
export function loadAnswerCards(knowledgeDir: string, clauses: ClauseLookup): AnswerCards {
  const file = join(knowledgeDir, 'answer-cards.json');
  if (!existsSync(file)) return { apply: (group) => ({ clauses: group }) };
  const data = readJsonFile(file, cardFileSchema);
  const cards = data.cards.map((card) => {
    const resolved = card.clauses.map((piece) => {
      const clause = clauses.find(card.policy, piece);
      if (!clause) throw new AppError('bad_document', `${file}: card ${card.id}: no clause of ${card.policy} contains "${piece}"`, { file });
      return clause;
    });
    const unsupported = unsupportedFigures(card.answer, resolved);
    if (unsupported.length) throw new AppError('bad_document', `${file}: card ${card.id} states ${unsupported.join(', ')}, which its clauses do not`, { file });
    return { answer: card.answer, clauses: resolved };
  });
  return {
    apply(group) {
      const first = group[0];
      const card = first && cards.find((c) => c.clauses[0] === first || (first.kind === 'cell' && c.clauses[0]?.line === first.line && c.clauses[0]?.policy === first.policy));
      if (!card) return { clauses: group };
      return { lead: card.answer, clauses: [...group, ...card.clauses.filter((c) => !group.includes(c))] };
    },
  };
}
