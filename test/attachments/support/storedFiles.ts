import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentTables } from '../../../src/attachments/tables.js';
import type { RunningApp } from '../../web/startApp.js';

/** Every file under a directory (recursively); none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** What the app stored: attachment records (optionally of one conversation), content files and leftover uploads. */
export async function stored(app: RunningApp, conversationId?: string) {
  let query = app.built.database.db.withTables<AttachmentTables>().selectFrom('attachments').selectAll();
  if (conversationId) query = query.where('conversation_id', '=', conversationId);
  return {
    records: await query.orderBy('created_at').execute(),
    contents: filesUnder(join(app.dataDir, 'attachments')),
    temporary: filesUnder(join(app.dataDir, 'uploads-tmp')),
  };
}
