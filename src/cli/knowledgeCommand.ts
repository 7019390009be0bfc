import { createReadStream } from 'node:fs';
import { userInfo } from 'node:os';
import { KNOWLEDGE_CHANGED } from '../admin/createAdmin.js';
import { entryOf, importLineOf, importLineSchema, isUnreviewed } from '../admin/knowledgeLines.js';
import { ReviewStore } from '../admin/reviewStore.js';
import { UnansweredInbox } from '../admin/unansweredInbox.js';
import { createEventBus } from '../directline/createEventBus.js';
import { AppError } from '../errors.js';
import type { Domain } from '../loadDomain.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { EXIT_OK, EXIT_USAGE, writeJsonLine, type CommandIo } from './io.js';
import { readLines } from './jsonLines.js';

export const KNOWLEDGE_USAGE = `usage: npm run -s cli -- knowledge import <file.jsonl>
  adds reviewed lines to the store: {"question","policy","clause"} links a wording to the clause containing
  "clause", {"question","outOfScope":true} adds an out-of-scope example, {"synonym","of"} says the word
  "synonym" means the policies' word "of"; an "id" from unanswered export closes
  that group; unreviewed lines (policy and clause null) are skipped. Running instances reload at once.
       npm run -s cli -- knowledge export > accepted.jsonl
  what the lead added in the store, in the same lines, for review in git
`;

/** `knowledge export`: the store's additions as import lines, oldest first. */
async function exportCommand(io: CommandIo, openDb: () => Promise<DatabaseHandle>): Promise<number> {
  const handle = await openDb();
  try {
    for (const entry of await new ReviewStore(handle.db).entries()) writeJsonLine(io.stdout, importLineOf(entry));
    return EXIT_OK;
  } finally {
    await handle.close();
  }
}

/**
 * `knowledge import <file>`: the reviewed export back into the store; `knowledge export`: the store's additions. Every line is checked
 * first (a bad line or an unknown clause changes nothing); the change is audited as `cli:<user>`.
 */
export async function knowledgeCommand(
  args: string[],
  io: CommandIo,
  deps: { openDb: () => Promise<DatabaseHandle>; domain: () => Domain; databaseUrl?: string },
): Promise<number> {
  const [action, file, ...extra] = args;
  if (action === 'export' && !file) return exportCommand(io, deps.openDb);
  if (action !== 'import' || !file || extra.length > 0) {
    io.stderr.write(KNOWLEDGE_USAGE);
    return EXIT_USAGE;
  }
  const lines = [];
  for await (const { line, lineNo } of readLines(createReadStream(file, 'utf8'))) {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new AppError('bad_request', `${file}:${lineNo}: not valid JSON`);
    }
    if (isUnreviewed(raw)) continue;
    const parsed = importLineSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError(
        'bad_request',
        `${file}:${lineNo}: needs {"question","policy","clause"}, {"question","outOfScope":true} or {"synonym","of"}`,
        { line: lineNo },
      );
    lines.push(entryOf(parsed.data));
  }
  const domain = deps.domain();
  const handle = await deps.openDb();
  // Only instances sharing PostgreSQL can hear about it; the embedded store is read at start-up.
  const bus = deps.databaseUrl ? await createEventBus(deps.databaseUrl) : undefined;
  try {
    // Built only to check every clause exists; this process answers no one.
    const validate = {
      build: (reviewed: Parameters<Domain['rebuild']>[0]) => domain.rebuild(reviewed),
      use: () => undefined,
    };
    const inbox = new UnansweredInbox(new ReviewStore(handle.db), validate, async () =>
      bus?.publish(KNOWLEDGE_CHANGED, { from: 'cli' }),
    );
    const added = await inbox.importEntries(lines, `cli:${userInfo().username}`);
    io.stdout.write(
      `已导入 ${added.alternative} 条问法、${added.out_of_scope} 条范围外示例、${added.synonym} 个同义词 (${added.alternative} wordings, ${added.out_of_scope} out-of-scope examples, ${added.synonym} synonyms imported)\n`,
    );
    return EXIT_OK;
  } finally {
    await bus?.close();
    await handle.close();
  }
}
