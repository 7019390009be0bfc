import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

const SETTING_KEY = 'directline.generated_secret';

/**
 * The Direct Line secret: DIRECTLINE_SECRET when configured, otherwise one generated once and
 * kept in the shared settings table, so tokens survive restarts and every instance agrees.
 */
export async function resolveDirectLineSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const existing = await db.selectFrom('settings').select('value').where('key', '=', SETTING_KEY).executeTakeFirst();
  if (existing) return existing.value;
  const generated = randomBytes(32).toString('base64url');
  // Two instances may start together: insert-if-absent, then read back whichever won.
  await db.insertInto('settings').values({ key: SETTING_KEY, value: generated }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING_KEY).executeTakeFirstOrThrow();
  return row.value;
}
