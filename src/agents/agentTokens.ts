import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const payloadSchema = z.object({ sub: z.string().min(1), exp: z.number().int() });

/** Who a valid token belongs to and until when it is valid (ms since epoch). */
export type AgentTokenClaims = z.infer<typeof payloadSchema>;

/** `v1.<payload>.<HMAC-SHA256>` — stateless, so every instance sharing the secret accepts it. */
export function signAgentToken(claims: AgentTokenClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `v1.${payload}.${mac(payload, secret)}`;
}

/** The claims of a well-signed, unexpired token; undefined for anything else. */
export function verifyAgentToken(token: string, secret: string, now: Date): AgentTokenClaims | undefined {
  const [version, payload, signature] = token.split('.');
  if (version !== 'v1' || !payload || !signature) return undefined;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const claims = payloadSchema.safeParse(json);
  if (!claims.success || claims.data.exp <= now.getTime()) return undefined;
  return claims.data;
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`agent-token:${payload}`).digest('base64url');
}
