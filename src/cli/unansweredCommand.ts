import { groupQuestions } from '../admin/groupQuestions.js';
import { exportLine } from '../admin/knowledgeLines.js';
import { ReviewStore } from '../admin/reviewStore.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { KyselyUnansweredLog } from '../understanding/unansweredLog.js';
import { EXIT_OK, EXIT_USAGE, writeJsonLine, type CommandIo } from './io.js';

export const UNANSWERED_USAGE = `usage: npm run -s cli -- unanswered [--since YYYY-MM-DD]
  the questions the bot abstained on, answered with low confidence or took as out of scope, as JSON Lines (personal data masked)
       npm run -s cli -- unanswered export > file.jsonl
  the open groups of the lead's inbox, one a line, to review in git and bring back with knowledge import
`;

/** `unanswered export`: the inbox's open groups as JSON Lines (texts masked when logged), most asked first. */
export async function unansweredExportCommand(io: CommandIo, openDb: () => Promise<DatabaseHandle>): Promise<number> {
  const handle = await openDb();
  try {
    for (const group of groupQuestions(await new ReviewStore(handle.db).openQuestions()))
      writeJsonLine(io.stdout, exportLine(group));
    return EXIT_OK;
  } finally {
    await handle.close();
  }
}

/** `unanswered [--since DATE]`: prints the unanswered-questions log as JSON Lines, oldest first. */
export async function unansweredCommand(
  since: string | undefined,
  io: CommandIo,
  openDb: () => Promise<DatabaseHandle>,
): Promise<number> {
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(since)) {
    io.stderr.write(`unanswered: --since needs a date such as 2026-12-01, got "${since}"\n${UNANSWERED_USAGE}`);
    return EXIT_USAGE;
  }
  const handle = await openDb();
  try {
    for (const entry of await new KyselyUnansweredLog(handle.db).list({ since })) writeJsonLine(io.stdout, entry);
    return EXIT_OK;
  } finally {
    await handle.close();
  }
}
