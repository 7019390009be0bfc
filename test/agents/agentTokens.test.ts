import { describe, expect, it } from 'vitest';
import { agentTokenKey, signAgentToken, verifyAgentToken } from '../../src/agents/agentTokens.js';

describe('agent tokens (HS256 JWTs by jose)', () => {
  const key = agentTokenKey('a-secret-of-sufficient-length');
  const issued = new Date('2026-11-23T08:00:00Z');
  const expires = new Date('2026-11-23T09:00:00Z');

  it('when a token is verified before and after its expiry, then it is accepted and then refused', async () => {
    const token = await signAgentToken({ sub: 'li', sid: 'session-1' }, key, issued, expires);
    expect(await verifyAgentToken(token, key, new Date('2026-11-23T08:59:59Z'), 3600)).toEqual({
      sub: 'li',
      sid: 'session-1',
    });
    expect(await verifyAgentToken(token, key, expires, 3600)).toBeUndefined();
  });

  it('when a token is older than the server’s maximum age, then it is refused whatever its expiry says', async () => {
    const token = await signAgentToken({ sub: 'li', sid: 'session-2' }, key, issued, new Date('2027-11-23T08:00:00Z'));
    expect(await verifyAgentToken(token, key, new Date('2026-11-23T08:30:00Z'), 3600)).toBeDefined();
    expect(await verifyAgentToken(token, key, new Date('2026-11-23T09:00:01Z'), 3600)).toBeUndefined();
  });

  it('when a token is signed with another secret, is tampered with or is not a JWT, then it is refused', async () => {
    const foreign = await signAgentToken(
      { sub: 'li', sid: 's' },
      agentTokenKey('another-secret-entirely'),
      issued,
      expires,
    );
    expect(await verifyAgentToken(foreign, key, issued, 3600)).toBeUndefined();
    const token = await signAgentToken({ sub: 'li', sid: 's' }, key, issued, expires);
    const [head, , signature] = token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ sub: 'admin', sid: 's', iss: 'after-sales-bot', aud: 'agent-console', exp: 9_999_999_999 })).toString('base64url')}.${signature}`;
    expect(await verifyAgentToken(forged, key, issued, 3600)).toBeUndefined();
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${token.split('.')[1]}.`;
    expect(await verifyAgentToken(unsigned, key, issued, 3600)).toBeUndefined();
    expect(await verifyAgentToken('v1.bm90.YQ', key, issued, 3600)).toBeUndefined();
  });
});
