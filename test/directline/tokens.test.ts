import { describe, expect, it } from 'vitest';
import { TokenIssuer } from '../../src/directline/tokens.js';

describe('Direct Line tokens', () => {
  const secret = 'a-secret-of-sufficient-length';

  it('when a token is fresh, then it verifies with its conversation and user', () => {
    const issuer = new TokenIssuer(secret);
    const { token } = issuer.issue('conv1', 'dl_user1');
    expect(issuer.verify(token)).toMatchObject({ ok: true, claims: { conv: 'conv1', user: 'dl_user1' } });
  });

  it('when the token has expired, then it is refused, unless a resume grace covers it', () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const issuer = new TokenIssuer(secret, () => now);
    const { token } = issuer.issue('conv1', 'dl_user1');
    now += 31 * 60_000;
    expect(issuer.verify(token)).toEqual({ ok: false, reason: 'expired' });
    expect(issuer.verify(token, 3600).ok).toBe(true);
  });

  it('when the token was signed with another secret or altered, then it is refused', () => {
    const theirs = new TokenIssuer('another-secret-entirely-123').issue('conv1', 'dl_user1').token;
    expect(new TokenIssuer(secret).verify(theirs)).toEqual({ ok: false, reason: 'bad_signature' });
    const mine = new TokenIssuer(secret).issue('conv1', 'dl_user1').token;
    const [head, , sig] = mine.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ conv: 'conv2', user: 'dl_user1', iat: 0, exp: 9e9 })).toString('base64url')}.${sig}`;
    expect(new TokenIssuer(secret).verify(forged).ok).toBe(false);
    expect(new TokenIssuer(secret).verify('not-a-token').ok).toBe(false);
  });
});
