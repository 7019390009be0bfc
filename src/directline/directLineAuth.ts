import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppError } from '../errors.js';
import { bearer, type TokenClaims, type TokenIssuer } from './tokens.js';

/** Who is calling: the site's server (holding the secret) or a client holding a token. */
export type DlCredential = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

/** Compares secrets in constant time (hashing first equalises their lengths). */
export function sameSecret(given: string, secret: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/**
 * Reads the Authorization header. Missing: 401. A bad or expired token: 403, which is what
 * directlinejs treats as "token expired, get a new one".
 */
export async function credentialOf(req: Request, secret: string, tokens: TokenIssuer): Promise<DlCredential> {
  const given = bearer(req.headers.authorization);
  if (!given) throw new AppError('unauthorized', 'Direct Line 需要 Authorization: Bearer 凭据');
  return credentialFromString(given, secret, tokens);
}

/** As credentialOf, for a credential that came from a query string (the stream URL). */
export async function credentialFromString(given: string, secret: string, tokens: TokenIssuer): Promise<DlCredential> {
  if (sameSecret(given, secret)) return { kind: 'secret' };
  const check = await tokens.verify(given);
  if (!check.ok)
    throw new AppError('forbidden', check.reason === 'expired' ? '令牌已过期' : '令牌无效', { reason: check.reason });
  return { kind: 'token', claims: check.claims };
}

/** A token may only touch its own conversation; the secret may touch any. */
export function assertConversationAccess(credential: DlCredential, conversationId: string): void {
  if (credential.kind === 'token' && credential.claims.conv !== conversationId) {
    throw new AppError('forbidden', '令牌不属于此会话', { conversationId });
  }
}
