import { describe, expect, it } from 'vitest';
import { TokenIssuer } from '../../src/directline/tokens.js';

describe('Direct Line tokens (HS256 JWTs by jose)', () => {
  const secret = 'a-secret-of-sufficient-length';

  it('when a token is fresh, then it verifies with its conversation and user', async () => {
    const issuer = new TokenIssuer(secret);
    const { token } = await issuer.issue('conv1', 'dl_user1');
    expect(await issuer.verify(token)).toMatchObject({ ok: true, claims: { conv: 'conv1', user: 'dl_user1' } });
    // directlinejs reads the user from the payload: it is a plain JWT.
    expect(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))).toMatchObject({
      user: 'dl_user1',
      conv: 'conv1',
    });
  });

  it('when the token has expired, then it is refused, unless a resume grace covers it', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const issuer = new TokenIssuer(secret, () => now);
    const { token } = await issuer.issue('conv1', 'dl_user1');
    now += 31 * 60_000;
    expect(await issuer.verify(token)).toEqual({ ok: false, reason: 'expired' });
    expect((await issuer.verify(token, 3600)).ok).toBe(true);
  });

  it('when the token was signed with another secret or altered, then it is refused', async () => {
    const theirs = (await new TokenIssuer('another-secret-entirely-123').issue('conv1', 'dl_user1')).token;
    expect(await new TokenIssuer(secret).verify(theirs)).toEqual({ ok: false, reason: 'bad_signature' });
    const mine = (await new TokenIssuer(secret).issue('conv1', 'dl_user1')).token;
    const [head, , sig] = mine.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ conv: 'conv2', user: 'dl_user1', iat: 0, exp: 9e9 })).toString('base64url')}.${sig}`;
    expect((await new TokenIssuer(secret).verify(forged)).ok).toBe(false);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${mine.split('.')[1]}.`;
    expect((await new TokenIssuer(secret).verify(unsigned)).ok).toBe(false);
    expect((await new TokenIssuer(secret).verify('not-a-token')).ok).toBe(false);
  });

  it('when a token already verified comes back, then its expiry is still checked each time', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const issuer = new TokenIssuer(secret, () => now);
    const { token } = await issuer.issue('conv1', 'dl_user1');
    expect((await issuer.verify(token)).ok).toBe(true);
    now += 29 * 60_000;
    expect(await issuer.verify(token)).toMatchObject({ ok: true, claims: { conv: 'conv1' } });
    now += 2 * 60_000;
    expect(await issuer.verify(token)).toEqual({ ok: false, reason: 'expired' });
    expect((await issuer.verify(token, 3600)).ok).toBe(true);
  });

  it('when one token verified, then an altered copy of it is still refused', async () => {
    const issuer = new TokenIssuer(secret);
    const { token } = await issuer.issue('conv1', 'dl_user1');
    expect((await issuer.verify(token)).ok).toBe(true);
    const [head, , sig] = token.split('.');
    const altered = `${head}.${Buffer.from(JSON.stringify({ conv: 'conv2', user: 'dl_user1', iat: 0, exp: 9e9 })).toString('base64url')}.${sig}`;
    expect(await issuer.verify(altered)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
