import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

const ISSUER = 'after-sales-bot';
const AUDIENCE = 'agent-console';
const claimsSchema = z.object({ sub: z.string().min(1), sid: z.string().min(1) });

/** Whom a token names: the agent's login and the session the server checks. */
export type AgentTokenClaims = z.infer<typeof claimsSchema>;

/** The HMAC key for agents' tokens, derived from the secret so no other token type shares it. */
export function agentTokenKey(secret: string): Uint8Array {
  return createHmac('sha256', secret).update('agent-token-v2').digest();
}

/** An HS256 JWT (jose) for one session, valid until `expiresAt`. */
export async function signAgentToken(
  claims: AgentTokenClaims,
  key: Uint8Array,
  issuedAt: Date,
  expiresAt: Date,
): Promise<string> {
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
}

/**
 * The claims of a well-signed token that has not expired and is no older than `maxAgeSeconds`;
 * undefined for anything else. Whether its session is still open is the caller's check.
 */
export async function verifyAgentToken(
  token: string,
  key: Uint8Array,
  now: Date,
  maxAgeSeconds: number,
): Promise<AgentTokenClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
      maxTokenAge: maxAgeSeconds,
      clockTolerance: 0,
    });
    const claims = claimsSchema.safeParse(payload);
    return claims.success ? claims.data : undefined;
  } catch {
    return undefined;
  }
}
