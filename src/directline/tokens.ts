import { createHmac, timingSafeEqual } from 'node:crypto';
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
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/**
 * Issues and checks Direct Line tokens: HS256 JWTs (so directlinejs can decode the user id)
 * signed with a key derived from the Direct Line secret. Being self-contained, they are valid
 * on every instance that shares the secret, and after a restart.
 */
export class TokenIssuer {
  private readonly key: Buffer;

  constructor(secret: string, private readonly now: () => number = Date.now) {
    this.key = createHmac('sha256', secret).update('directline-token-v1').digest();
  }

  /** A fresh token for one conversation and user. */
  issue(conversationId: string, userId: string, lifetimeSeconds = TOKEN_LIFETIME_SECONDS): { token: string; expiresIn: number } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { conv: conversationId, user: userId, iat, exp: iat + lifetimeSeconds };
    const head = encode({ alg: 'HS256', typ: 'JWT' });
    const body = encode(claims);
    return { token: `${head}.${body}.${this.sign(`${head}.${body}`)}`, expiresIn: lifetimeSeconds };
  }

  /**
   * Checks signature and expiry. `graceSeconds` lets /chat resume a conversation with a token
   * that expired while the tab was closed; the protocol endpoints use no grace.
   */
  verify(token: string, graceSeconds = 0): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const [head, body, signature] = parts;
    if (!head || !body || !signature) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'malformed' };
    if (claims.data.exp + graceSeconds <= Math.floor(this.now() / 1000)) return { ok: false, reason: 'expired' };
    return { ok: true, claims: claims.data };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The bearer credential of an Authorization header, or undefined. */
export function bearer(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
