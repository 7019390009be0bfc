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

/** Verified tokens kept at most: enough for every customer one instance serves (see the README's load test). */
const MAX_VERIFIED_TOKENS = 5000;

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Issues and checks Direct Line tokens: HS256 JWTs (jose; directlinejs decodes the user id from
 * them) signed with a key derived from the Direct Line secret. Being self-contained, they are
 * valid on every instance that shares the secret, and after a restart.
 */
export class TokenIssuer {
  private readonly key: Uint8Array;
  /**
   * Claims of tokens whose signature already checked out, oldest first. A client sends the same
   * token with every post for up to 30 minutes; HMAC through WebCrypto cost ~3 % of a turn.
   * The signature of a given token never changes, so only expiry is checked again.
   */
  private readonly verified = new Map<string, TokenClaims>();

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
    const known = this.verified.get(token);
    if (known) {
      const unexpired = Math.floor(this.now() / 1000) < known.exp + graceSeconds;
      return unexpired ? { ok: true, claims: known } : { ok: false, reason: 'expired' };
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        clockTolerance: graceSeconds,
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, reason: 'malformed' };
      this.remember(token, claims.data);
      return { ok: true, claims: claims.data };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'bad_signature' };
      return { ok: false, reason: 'malformed' };
    }
  }

  private remember(token: string, claims: TokenClaims): void {
    if (this.verified.size >= MAX_VERIFIED_TOKENS) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, claims);
  }
}

/** The bearer credential of an Authorization header, or undefined. */
export function bearer(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
