import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentService } from '../../src/agents/AgentService.js';
import { resolveTokenSecret } from '../../src/agents/tokenSecret.js';
import { AppError } from '../../src/errors.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import type { DatabaseFactory } from '../storage/databaseFactories.js';

/** Agents' accounts and the shared token secret over a real database, run against each engine. */
export function agentSuite(makeFactory: () => DatabaseFactory): void {
  const factory = makeFactory();
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await factory.open();
  });
  afterAll(async () => {
    await handle.close();
    await factory.dispose();
  });

  describe('token secret', () => {
    it('when no TOKEN_SECRET is configured, then one is generated once and survives a reopen', async () => {
      const first = await resolveTokenSecret(handle.db, undefined);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(await resolveTokenSecret(handle.db, undefined)).toBe(first);
      const reopened = await factory.open();
      try {
        expect(await resolveTokenSecret(reopened.db, undefined)).toBe(first);
      } finally {
        await reopened.close();
      }
    });

    it('when TOKEN_SECRET is configured, then it wins', async () => {
      expect(await resolveTokenSecret(handle.db, 'configured-secret-123')).toBe('configured-secret-123');
    });

    it('when a second instance shares the database, then it accepts the first one’s tokens', async () => {
      const secretA = await resolveTokenSecret(handle.db, undefined);
      const instanceA = new AgentService(handle.db, { tokenSecret: secretA, tokenTtlMinutes: 10 });
      await instanceA.addAgent('shared', 'password-shared');
      const session = await instanceA.login('shared', 'password-shared');
      const other = await factory.open();
      try {
        const instanceB = new AgentService(other.db, { tokenSecret: await resolveTokenSecret(other.db, undefined), tokenTtlMinutes: 10 });
        expect(instanceB.authenticate(session.token)).toEqual({ login: 'shared' });
      } finally {
        await other.close();
      }
    });
  });

  describe('AgentService', () => {
    it('when an agent is added twice or with a bad login or short password, then it is refused', async () => {
      const agents = new AgentService(handle.db, { tokenSecret: 's'.repeat(20), tokenTtlMinutes: 10 });
      await agents.addAgent('chen', 'long-enough-1');
      await expect(agents.addAgent('chen', 'long-enough-2')).rejects.toMatchObject({ code: 'conflict' });
      await expect(agents.addAgent('<b>x</b>', 'long-enough-3')).rejects.toMatchObject({ code: 'bad_request' });
      await expect(agents.addAgent('zhou', 'short')).rejects.toBeInstanceOf(AppError);
      await expect(agents.login('chen', 'long-enough-2')).rejects.toMatchObject({ code: 'unauthorized' });
    });

    it('when the login succeeds, then the token expires after the configured minutes', async () => {
      let clock = new Date('2026-11-23T08:00:00Z');
      const agents = new AgentService(handle.db, { tokenSecret: 's'.repeat(20), tokenTtlMinutes: 30, now: () => clock });
      await agents.addAgent('sun', 'long-enough-4');
      const session = await agents.login('sun', 'long-enough-4');
      expect(session.expiresAt).toBe('2026-11-23T08:30:00.000Z');
      clock = new Date('2026-11-23T08:29:59Z');
      expect(agents.authenticate(session.token)).toEqual({ login: 'sun' });
      clock = new Date('2026-11-23T08:30:00Z');
      expect(() => agents.authenticate(session.token)).toThrowError(/expired/);
    });
  });

  it('when two instances resolve the secret at the same moment, then they agree', async () => {
    const other = await factory.open();
    try {
      // A fresh key space: the suite's earlier tests already stored a secret in this database.
      await handle.db.deleteFrom('settings').where('key', '=', 'agent_token_secret').execute();
      const [a, b] = await Promise.all([resolveTokenSecret(handle.db, undefined), resolveTokenSecret(other.db, undefined)]);
      expect(a).toBe(b);
    } finally {
      await other.close();
    }
  });
}
