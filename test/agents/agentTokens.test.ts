import { describe, expect, it } from 'vitest';
import { signAgentToken, verifyAgentToken } from '../../src/agents/agentTokens.js';

describe('agent tokens', () => {
  const secret = 'a-secret-of-sufficient-length';
  const now = new Date('2026-11-23T08:00:00Z');

  it('when a token is verified before and after its expiry, then it is accepted and then refused', () => {
    const token = signAgentToken({ sub: 'li', exp: now.getTime() + 1000 }, secret);
    expect(verifyAgentToken(token, secret, now)).toEqual({ sub: 'li', exp: now.getTime() + 1000 });
    expect(verifyAgentToken(token, secret, new Date(now.getTime() + 1000))).toBeUndefined();
  });

  it('when a token is signed with another secret, then it is refused', () => {
    const token = signAgentToken({ sub: 'li', exp: now.getTime() + 1000 }, 'another-secret-entirely');
    expect(verifyAgentToken(token, secret, now)).toBeUndefined();
  });
});

