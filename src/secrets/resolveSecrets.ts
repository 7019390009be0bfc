import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppConfig } from '../config.js';
import type { Database } from '../storage/schema.js';

/** The server-side secrets: never sent to a browser, never logged, never in the database. */
export interface AppSecrets {
  /** Direct Line: the site's server key, and what customers' conversation tokens are signed with. */
  directLine: string;
  /** Signs agents' login tokens. */
  agentTokens: string;
}

/** The generated secrets' file in DATA_DIR. */
export const SECRETS_FILE = 'secrets.json';
const OWNER_ONLY = 0o600;
/** Where versions before this one kept generated secrets, in plain text. */
const LEGACY_SETTINGS = { directLine: 'directline.generated_secret', agentTokens: 'agent_token_secret' } as const;

const fileSchema = z.object({ directLine: z.string().min(32), agentTokens: z.string().min(32) });

/**
 * DIRECTLINE_SECRET and TOKEN_SECRET from the environment (the config schema requires them in
 * production). Otherwise, for the embedded default, they are generated once into
 * DATA_DIR/secrets.json, readable by its owner only. Secrets an earlier version kept in the
 * settings table move into the file (so issued tokens stay valid) and leave the database.
 * Several instances must share the same secrets: set them in the environment.
 */
export async function resolveSecrets(
  config: Pick<AppConfig, 'DATA_DIR' | 'DIRECTLINE_SECRET' | 'TOKEN_SECRET'>,
  db: Kysely<Database>,
): Promise<AppSecrets> {
  const legacy = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(LEGACY_SETTINGS))
    .execute();
  const fromEnvironment = { directLine: config.DIRECTLINE_SECRET, agentTokens: config.TOKEN_SECRET };
  let secrets: AppSecrets;
  if (fromEnvironment.directLine && fromEnvironment.agentTokens) {
    secrets = { directLine: fromEnvironment.directLine, agentTokens: fromEnvironment.agentTokens };
  } else {
    const legacyValue = (key: string) => legacy.find((row) => row.key === key)?.value;
    const stored = secretsFile(config.DATA_DIR, {
      directLine: legacyValue(LEGACY_SETTINGS.directLine) ?? randomBytes(32).toString('base64url'),
      agentTokens: legacyValue(LEGACY_SETTINGS.agentTokens) ?? randomBytes(32).toString('base64url'),
    });
    secrets = {
      directLine: fromEnvironment.directLine ?? stored.directLine,
      agentTokens: fromEnvironment.agentTokens ?? stored.agentTokens,
    };
  }
  if (legacy.length > 0) await db.deleteFrom('settings').where('key', 'in', Object.values(LEGACY_SETTINGS)).execute();
  return secrets;
}

/** Reads DATA_DIR/secrets.json, creating it owner-only with `initial` when absent (two starts at once agree). */
function secretsFile(dataDir: string, initial: AppSecrets): AppSecrets {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SECRETS_FILE);
  // Written aside, then linked into place: the link fails if another process got there first,
  // and nobody ever reads a half-written file.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${JSON.stringify(initial)}\n`, { mode: OWNER_ONLY, flag: 'wx' });
  try {
    linkSync(draft, path);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  // A copy restored with looser permissions is tightened, not trusted as is.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY);
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${path} is not a valid secrets file; delete it to generate new secrets (issued tokens become invalid)`,
    );
  return parsed.data;
}
