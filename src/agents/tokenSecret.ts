import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

const SETTING_KEY = 'agent_token_secret';

/**
 * The secret agents' tokens are signed with: TOKEN_SECRET when configured, otherwise one
 * generated once and kept in the database, so restarts and every instance sharing the
 * database accept the same tokens. Insert-if-absent then read: two instances racing agree.
 */
export async function resolveTokenSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('settings')
    .values({ key: SETTING_KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING_KEY).executeTakeFirstOrThrow();
  return row.value;
}
