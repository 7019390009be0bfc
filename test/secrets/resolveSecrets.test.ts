import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { resolveSecrets, SECRETS_FILE } from '../../src/secrets/resolveSecrets.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/openDatabase.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('secrets', () => {
  let dataDir: string;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'secrets-'));
    handle = await openDatabase({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when none are configured, then they are generated once into an owner-only file in DATA_DIR, not the database', async () => {
    const first = await resolveSecrets({ DATA_DIR: dataDir }, handle.db);
    expect(first.directLine.length).toBeGreaterThanOrEqual(32);
    expect(first.agentTokens).not.toBe(first.directLine);
    expect(modeOf(join(dataDir, SECRETS_FILE))).toBe(0o600);
    expect(await resolveSecrets({ DATA_DIR: dataDir }, handle.db)).toEqual(first);
    const settings = await handle.db.selectFrom('settings').select('value').execute();
    expect(settings.map((s) => s.value)).not.toContain(first.directLine);
    expect(settings.map((s) => s.value)).not.toContain(first.agentTokens);
  });

  it('when the database and its files are created, then nobody but the owner can read them', () => {
    for (const file of ['app.db', 'app.db-wal']) expect(modeOf(join(dataDir, file))).toBe(0o600);
  });

  it('when the environment names them, then they win over the file', async () => {
    const secrets = await resolveSecrets(
      { DATA_DIR: dataDir, DIRECTLINE_SECRET: 'directline-from-env-123', TOKEN_SECRET: 'tokens-from-env-1234567' },
      handle.db,
    );
    expect(secrets).toEqual({ directLine: 'directline-from-env-123', agentTokens: 'tokens-from-env-1234567' });
  });

  it('when an older version kept generated secrets in the database, then they move to the file and leave the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-legacy-'));
    const legacy = await openDatabase({ DATA_DIR: dir, DATABASE_URL: undefined });
    try {
      const old = {
        directLine: 'old-directline-secret-kept-for-tokens',
        agentTokens: 'old-agent-token-secret-kept-for-logins',
      };
      await legacy.db
        .insertInto('settings')
        .values([
          { key: 'directline.generated_secret', value: old.directLine },
          { key: 'agent_token_secret', value: old.agentTokens },
        ])
        .execute();
      expect(await resolveSecrets({ DATA_DIR: dir }, legacy.db)).toEqual(old);
      expect(await legacy.db.selectFrom('settings').selectAll().execute()).toEqual([]);
      expect(JSON.parse(readFileSync(join(dir, SECRETS_FILE), 'utf8'))).toEqual(old);
    } finally {
      await legacy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the secrets file was made readable by others, then it is tightened back to 0600', async () => {
    chmodSync(join(dataDir, SECRETS_FILE), 0o644);
    await resolveSecrets({ DATA_DIR: dataDir }, handle.db);
    expect(modeOf(join(dataDir, SECRETS_FILE))).toBe(0o600);
  });

  it('when the secrets file is not valid, then start-up fails and says what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-bad-'));
    try {
      writeFileSync(join(dir, SECRETS_FILE), '{"directLine":"short"}', { mode: 0o600 });
      await expect(resolveSecrets({ DATA_DIR: dir }, handle.db)).rejects.toThrow(/not a valid secrets file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when NODE_ENV is production without secrets in the environment, then the configuration is refused', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DIRECTLINE_SECRET: required when NODE_ENV=production/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', DIRECTLINE_SECRET: 'x'.repeat(32), TOKEN_SECRET: 'y'.repeat(32) }).NODE_ENV,
    ).toBe('production');
  });
});
