import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { ClauseLookup } from './clauseLookup.js';
import { policyFolder } from './loadPolicies.js';
import type { AlternativeQuestion } from './rankClauses.js';
import type { Clause, Policy } from './types.js';

const lineSchema = z.object({
  question: z.string().trim().min(1).max(300),
  /** A verbatim piece of the clause the question is answered by. */
  clause: z.string().min(1),
});

/** A question as written in the data, before its clause is found. */
export interface AlternativeSource {
  policy: string;
  question: string;
  clause: string;
  /** Where it came from, for error messages ("file:line", or "store"). */
  origin: string;
}

/** Reads knowledge/policies/<id>/questions.jsonl for each policy (files are optional). */
export function readAlternativeSources(knowledgeDir: string, policies: Policy[]): AlternativeSource[] {
  return policies.flatMap((policy) => {
    const file = join(policyFolder(knowledgeDir, policy.meta.id), 'questions.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .flatMap((line, i) => {
        if (!line.trim()) return [];
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          throw new AppError('bad_document', `${file}:${i + 1}: not a JSON object`, { file, line: i + 1 });
        }
        const parsed = lineSchema.safeParse(json);
        if (!parsed.success) throw new AppError('bad_document', `${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`, { file, line: i + 1 });
        return [{ policy: policy.meta.id, ...parsed.data, origin: `${file}:${i + 1}` }];
      });
  });
}

/**
 * Finds each alternative's clause (the first clause of its policy whose text, or else whose section
 * heading with the text, contains the piece, compared letters and digits only) and returns them as
 * ranker input. A piece no clause contains is an
 * error that names where the question came from.
 */
export function resolveAlternatives(sources: AlternativeSource[], clauses: Clause[], lookup: ClauseLookup): AlternativeQuestion[] {
  return sources.map((source) => {
    const clause = lookup.find(source.policy, source.clause);
    if (!clause) throw new AppError('bad_document', `${source.origin}: no clause of ${source.policy} contains "${source.clause}"`, { origin: source.origin });
    return { question: source.question, clause: clauses.indexOf(clause) };
  });
}
