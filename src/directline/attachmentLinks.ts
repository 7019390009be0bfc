import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { escapeRegExp } from '../text/escapeRegExp.js';
import type { DlActivity } from './activity.js';
import type { DlCredential } from './directLineAuth.js';
import { TOKEN_LIFETIME_SECONDS } from './tokens.js';

/**
 * Links to a conversation's attachments for Direct Line clients (issue 14). Activities store a
 * bare path; whoever reads them with a token gets absolute links signed for that conversation
 * and its token's lifetime (plus a grace), so an <img> in Web Chat can load them without a
 * header and a link never opens another conversation's file.
 */
export function attachmentPath(conversationId: string, attachmentId: string, thumbnail = false): string {
  return `/v3/directline/conversations/${encodeURIComponent(conversationId)}/attachments/${attachmentId}${thumbnail ? '/thumbnail' : ''}`;
}

/** Who reads the activities: the conversation, until when their links hold, and our origin as they reach it. */
export interface LinkAccess {
  conversationId: string;
  /** Unix seconds. */
  expiresAt: number;
  origin: string;
}

/**
 * How long a link outlives the token it was signed for. Web Chat refreshes its token but not the
 * links already on screen, so a chat left open keeps working for a day; a leaked link dies then.
 */
export const LINK_GRACE_SECONDS = 24 * 3600;

/** The link access of a credential: its token's expiry (a fresh token's for the secret) plus the grace. */
export function linkAccessOf(
  credential: DlCredential,
  conversationId: string,
  origin: string,
  now: () => number = Date.now,
): LinkAccess {
  const tokenExpiry =
    credential.kind === 'token' ? credential.claims.exp : Math.floor(now() / 1000) + TOKEN_LIFETIME_SECONDS;
  return { conversationId, expiresAt: tokenExpiry + LINK_GRACE_SECONDS, origin };
}

const attachmentsSchema = z.array(
  z.object({ contentUrl: z.string().optional(), thumbnailUrl: z.string().optional() }).loose(),
);
const signedQuerySchema = z.object({
  exp: z.string().regex(/^\d{1,12}$/),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export class AttachmentLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('directline-attachment-link-v1').digest();
  }

  private signature(conversationId: string, attachmentId: string, expiresAt: number): string {
    return createHmac('sha256', this.key)
      .update(`${conversationId}\n${attachmentId}\n${expiresAt}`)
      .digest('base64url');
  }

  /** The absolute, signed link to an attachment (or its thumbnail). */
  link(access: LinkAccess, attachmentId: string, thumbnail = false): string {
    const query = new URLSearchParams({
      exp: String(access.expiresAt),
      sig: this.signature(access.conversationId, attachmentId, access.expiresAt),
    });
    return `${access.origin}${attachmentPath(access.conversationId, attachmentId, thumbnail)}?${query}`;
  }

  /** True when the query (`exp`, `sig`) is a live link to this attachment of this conversation. */
  verify(conversationId: string, attachmentId: string, query: unknown): boolean {
    const parsed = signedQuerySchema.safeParse(query);
    if (!parsed.success) return false;
    const expiresAt = Number(parsed.data.exp);
    if (expiresAt <= Math.floor(this.now() / 1000)) return false;
    const expected = Buffer.from(this.signature(conversationId, attachmentId, expiresAt));
    const given = Buffer.from(parsed.data.sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** An activity set as `access` sees it: this conversation's attachment paths become signed links. */
  present<T extends { activities: DlActivity[] }>(set: T, access: LinkAccess): T {
    const own = new RegExp(
      `^${escapeRegExp(attachmentPath(access.conversationId, ''))}([A-Za-z0-9_-]{22})(/thumbnail)?$`,
    );
    const sign = (url: string | undefined): string | undefined => {
      const match = url === undefined ? null : own.exec(url);
      return match?.[1] ? this.link(access, match[1], Boolean(match[2])) : url;
    };
    return {
      ...set,
      activities: set.activities.map((activity) => {
        const attachments = attachmentsSchema.safeParse(activity.attachments);
        if (!attachments.success || attachments.data.length === 0) return activity;
        return {
          ...activity,
          attachments: attachments.data.map(({ contentUrl, thumbnailUrl, ...rest }) => ({
            ...rest,
            ...(contentUrl !== undefined ? { contentUrl: sign(contentUrl) } : {}),
            ...(thumbnailUrl !== undefined ? { thumbnailUrl: sign(thumbnailUrl) } : {}),
          })),
        };
      }),
    };
  }
}
