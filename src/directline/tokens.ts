import { createHmac } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/** How long a Direct Line token lives, as Azure's service does (30 minutes). */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;

const claimsSchema = z.object({
  /** The one conversation this token may read and write. */
  conv: z.string().min(1),
  /** The user id the token speaks for (Direct Line clients read `user`). */
  user: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Issues and checks Direct Line tokens: HS256 JWTs (jose; directlinejs decodes the user id from
 * them) signed with a key derived from the Direct Line secret. Being self-contained, they are
 * valid on every instance that shares the secret, and after a restart.
 */
export class TokenIssuer {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('directline-token-v1').digest();
  }

  /** A fresh token for one conversation and user. */
  async issue(
    conversationId: string,
    userId: string,
    lifetimeSeconds = TOKEN_LIFETIME_SECONDS,
  ): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(this.now() / 1000);
    const token = await new SignJWT({ conv: conversationId, user: userId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .sign(this.key);
    return { token, expiresIn: lifetimeSeconds };
  }

  /**
   * Checks signature and expiry. `graceSeconds` lets /chat resume a conversation with a token
   * that expired while the tab was closed; the protocol endpoints use no grace.
   */
  async verify(token: string, graceSeconds = 0): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        clockTolerance: graceSeconds,
      });
      const claims = claimsSchema.safeParse(payload);
      return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'malformed' };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'bad_signature' };
      return { ok: false, reason: 'malformed' };
    }
  }
}

/** The bearer credential of an Authorization header, or undefined. */
export function bearer(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
