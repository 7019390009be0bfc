import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentService } from '../../src/agents/AgentService.js';
import { agentTokenKey, signAgentToken } from '../../src/agents/agentTokens.js';
import { AppError } from '../../src/errors.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import type { DatabaseFactory } from '../storage/databaseFactories.js';

const SECRET = 'shared-token-secret-0123456789';

/** Agents' accounts and login sessions over a real database, run against each engine. */
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

  describe('AgentService', () => {
    it('when an agent is added twice or with a bad login or short password, then it is refused', async () => {
      const agents = new AgentService(handle.db, { tokenSecret: SECRET, tokenTtlMinutes: 10 });
      await agents.addAgent('chen', 'long-enough-1');
      await expect(agents.addAgent('chen', 'long-enough-2')).rejects.toMatchObject({ code: 'conflict' });
      await expect(agents.addAgent('<b>x</b>', 'long-enough-3')).rejects.toMatchObject({ code: 'bad_request' });
      await expect(agents.addAgent('zhou', 'short')).rejects.toBeInstanceOf(AppError);
      await expect(agents.login('chen', 'long-enough-2')).rejects.toMatchObject({ code: 'unauthorized' });
    });

    it('when the login succeeds, then the session ends after the configured minutes, checked by the server', async () => {
      let clock = new Date('2026-11-23T08:00:00Z');
      const agents = new AgentService(handle.db, { tokenSecret: SECRET, tokenTtlMinutes: 30, now: () => clock });
      await agents.addAgent('sun', 'long-enough-4');
      const session = await agents.login('sun', 'long-enough-4');
      expect(session.expiresAt).toBe('2026-11-23T08:30:00.000Z');
      clock = new Date('2026-11-23T08:29:59Z');
      expect(await agents.authenticate(session.token)).toMatchObject({ login: 'sun' });
      clock = new Date('2026-11-23T08:30:00Z');
      await expect(agents.authenticate(session.token)).rejects.toThrowError(/expired/);
    });

    it('when a second instance shares the database and the secret, then it accepts the first one’s tokens', async () => {
      const instanceA = new AgentService(handle.db, { tokenSecret: SECRET, tokenTtlMinutes: 10 });
      await instanceA.addAgent('shared', 'password-shared');
      const session = await instanceA.login('shared', 'password-shared');
      const other = await factory.open();
      try {
        const instanceB = new AgentService(other.db, { tokenSecret: SECRET, tokenTtlMinutes: 10 });
        expect(await instanceB.authenticate(session.token)).toMatchObject({ login: 'shared' });
        // Logging out on B ends the session for A too.
        await instanceB.logout((await instanceB.authenticate(session.token)).sessionId);
        await expect(instanceA.authenticate(session.token)).rejects.toMatchObject({ code: 'unauthorized' });
      } finally {
        await other.close();
      }
    });
  });

  describe('login sessions', () => {
    const agents = () => new AgentService(handle.db, { tokenSecret: SECRET, tokenTtlMinutes: 60 });

    it('when an agent logs out, then that token is refused and another login of theirs still works', async () => {
      await agents().addAgent('wu', 'long-enough-5');
      const laptop = await agents().login('wu', 'long-enough-5');
      const phone = await agents().login('wu', 'long-enough-5');
      await agents().logout((await agents().authenticate(laptop.token)).sessionId);
      await expect(agents().authenticate(laptop.token)).rejects.toMatchObject({ code: 'unauthorized' });
      expect(await agents().authenticate(phone.token)).toMatchObject({ login: 'wu' });
    });

    it('when an agent’s sessions are revoked, then every token of theirs is refused and a new login works', async () => {
      await agents().addAgent('zheng', 'long-enough-6');
      const tokens = [await agents().login('zheng', 'long-enough-6'), await agents().login('zheng', 'long-enough-6')];
      expect(await agents().revokeSessions('zheng')).toBe(2);
      for (const { token } of tokens)
        await expect(agents().authenticate(token)).rejects.toMatchObject({ code: 'unauthorized' });
      expect(await agents().authenticate((await agents().login('zheng', 'long-enough-6')).token)).toMatchObject({
        login: 'zheng',
      });
    });

    it('when an agent is disabled, then their tokens are refused and the right password no longer logs in, until re-enabled', async () => {
      await agents().addAgent('feng', 'long-enough-7');
      const session = await agents().login('feng', 'long-enough-7');
      await agents().setDisabled('feng', true);
      await expect(agents().authenticate(session.token)).rejects.toMatchObject({ code: 'unauthorized' });
      await expect(agents().login('feng', 'long-enough-7')).rejects.toMatchObject({ code: 'unauthorized' });
      await agents().setDisabled('feng', false);
      expect(await agents().authenticate((await agents().login('feng', 'long-enough-7')).token)).toMatchObject({
        login: 'feng',
      });
      await expect(agents().setDisabled('nobody-here', true)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('when a token is well signed but names a login that does not exist, then it is refused', async () => {
      await agents().addAgent('ghost', 'long-enough-8');
      const { token } = await agents().login('ghost', 'long-enough-8');
      await handle.db.deleteFrom('agents').where('login', '=', 'ghost').execute();
      await expect(agents().authenticate(token)).rejects.toMatchObject({ code: 'unauthorized' });
      // Even signed with the real secret, a token for a made-up login has no session to name.
      const now = new Date();
      const forged = await signAgentToken(
        { sub: 'made-up', sid: 'made-up-session' },
        agentTokenKey(SECRET),
        now,
        new Date(now.getTime() + 60_000),
      );
      await expect(agents().authenticate(forged)).rejects.toMatchObject({ code: 'unauthorized' });
    });
  });
}
