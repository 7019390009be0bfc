import { describe, expect, it } from 'vitest';
import {
  AttachmentLinks,
  attachmentPath,
  LINK_GRACE_SECONDS,
  linkAccessOf,
} from '../../src/directline/attachmentLinks.js';
import { TOKEN_LIFETIME_SECONDS } from '../../src/directline/tokens.js';

const NOW = Date.parse('2026-05-01T08:00:00Z');
const links = new AttachmentLinks('a-direct-line-secret-of-some-length', () => NOW);
const access = { conversationId: 'conv_A', expiresAt: NOW / 1000 + 1800, origin: 'https://support.example.com' };
const ID = 'AbCdEfGhIjKlMnOpQrStUv';
const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('attachment links for Direct Line clients', () => {
  it('when a link is signed for a conversation, then it verifies there and only there, and not once expired or altered', () => {
    const url = links.link(access, ID);
    expect(url).toMatch(
      /^https:\/\/support\.example\.com\/v3\/directline\/conversations\/conv_A\/attachments\/AbCdEfGhIjKlMnOpQrStUv\?exp=\d+&sig=[\w-]{43}$/,
    );
    const query = queryOf(url);
    expect(links.verify('conv_A', ID, query)).toBe(true);
    expect(links.verify('conv_B', ID, query)).toBe(false);
    expect(links.verify('conv_A', 'ZZCdEfGhIjKlMnOpQrStUv', query)).toBe(false);
    expect(links.verify('conv_A', ID, { ...query, exp: String(Number(query.exp) + 1) })).toBe(false);
    expect(links.verify('conv_A', ID, { exp: query.exp })).toBe(false);
    const later = new AttachmentLinks('a-direct-line-secret-of-some-length', () => NOW + 1801 * 1000);
    expect(later.verify('conv_A', ID, query)).toBe(false);
    expect(new AttachmentLinks('another-secret-entirely-here', () => NOW).verify('conv_A', ID, query)).toBe(false);
  });

  it('when a token reads the conversation, then its links last a day longer than the token; the secret gets a fresh token’s lifetime', () => {
    const claims = { conv: 'conv_A', user: 'dl_u', iat: NOW / 1000, exp: NOW / 1000 + 600 };
    expect(linkAccessOf({ kind: 'token', claims }, 'conv_A', 'http://x', () => NOW).expiresAt).toBe(
      claims.exp + LINK_GRACE_SECONDS,
    );
    expect(linkAccessOf({ kind: 'secret' }, 'conv_A', 'http://x', () => NOW).expiresAt).toBe(
      NOW / 1000 + TOKEN_LIFETIME_SECONDS + LINK_GRACE_SECONDS,
    );
  });

  it('when activities are presented, then only this conversation’s attachment paths become signed links', () => {
    const set = {
      watermark: '3',
      activities: [
        { id: '1', type: 'message', text: '你好' },
        {
          id: '2',
          type: 'message',
          attachments: [
            {
              contentType: 'image/png',
              name: 'a.png',
              contentUrl: attachmentPath('conv_A', ID),
              thumbnailUrl: attachmentPath('conv_A', ID, true),
            },
            { contentType: 'image/png', name: 'b.png', contentUrl: attachmentPath('conv_B', ID) },
            { contentType: 'application/pdf', name: 'c.pdf', contentUrl: 'https://elsewhere.example/c.pdf' },
            { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'x' } },
          ],
        },
      ],
    };
    const presented = links.present(set, access);
    expect(presented.watermark).toBe('3');
    expect(presented.activities[0]).toEqual(set.activities[0]);
    const attachments = presented.activities[1]?.attachments;
    expect(attachments).toEqual([
      {
        contentType: 'image/png',
        name: 'a.png',
        contentUrl: links.link(access, ID),
        thumbnailUrl: links.link(access, ID, true),
      },
      { contentType: 'image/png', name: 'b.png', contentUrl: attachmentPath('conv_B', ID) },
      { contentType: 'application/pdf', name: 'c.pdf', contentUrl: 'https://elsewhere.example/c.pdf' },
      { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'x' } },
    ]);
    // The stored activities are not changed.
    expect(set.activities[1]?.attachments?.[0]?.contentUrl).toBe(attachmentPath('conv_A', ID));
  });
});
