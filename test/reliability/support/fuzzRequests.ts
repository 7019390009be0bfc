/** One HTTP request the fuzzer sends. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

/** Strings an attacker or a broken client sends: odd Unicode, injections, control characters, sizes. */
const NASTY = [
  '',
  ' ',
  '你好',
  '我要报修',
  '确认',
  '查一下工单 T20260101-123456 1234',
  '<script>alert(1)</script>',
  "'; drop table tickets; --",
  '{{7*7}}${7*7}',
  '\u202egnp.exe',
  '\ud800',
  '\u0000\u0001\u0007',
  'a'.repeat(5000),
  '𠜎'.repeat(300),
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'http://169.254.169.254/latest/meta-data/',
  'T20260101-000001',
  '13800138000',
  '\r\nSet-Cookie: x=1',
];
const PATHS = [
  '/api/messages',
  '/api/chat/token',
  '/api/auth/login',
  '/api/auth/me',
  '/api/auth/logout',
  '/api/tickets',
  '/api/tickets/T20260101-123456',
  '/api/tickets/%E0%A4%A/comments',
  '/api/handoff/queue',
  '/api/handoff/conversations/abc/accept',
  '/v3/directline/conversations',
  '/v3/directline/tokens/generate',
  '/v3/directline/tokens/refresh',
  '/v3/directline/conversations/x/activities',
  '/v3/directline/conversations/%ZZ/activities?watermark=-1',
  '/v3/directline/conversations/x/upload',
  '/chat',
  '/agent',
  '/static/../package.json',
  '/nowhere',
  '//[',
];

/** A value of any JSON type, sometimes deeply nested. */
function anyValue(random: Random, depth = 0): unknown {
  const roll = random();
  if (roll < 0.2) return pick(random, NASTY);
  if (roll < 0.3) return Math.floor(random() * 2 ** 40) * (random() < 0.5 ? -1 : 1);
  if (roll < 0.35) return null;
  if (roll < 0.4) return random() < 0.5;
  if (roll < 0.5 && depth < 80) return [anyValue(random, depth + 1)];
  if (roll < 0.6 && depth < 80)
    return { [pick(random, ['a', '__proto__', 'constructor', 'text', 'type'])]: anyValue(random, depth + 1) };
  return pick(random, NASTY);
}

/** A Bot Framework activity, valid enough to reach the bot sometimes, broken in one random place otherwise. */
function activity(random: Random, sinkUrl: string, conversation: string): Record<string, unknown> {
  const base: Record<string, unknown> = {
    type: pick(random, ['message', 'message', 'message', 'conversationUpdate', 'event', 'invoke', 'typing', 'handoff']),
    id: random() < 0.2 ? 'fixed-id' : `f-${Math.floor(random() * 1e9)}`,
    channelId: 'emulator',
    serviceUrl:
      random() < 0.85
        ? sinkUrl
        : pick(random, [
            'http://169.254.169.254/',
            'http://example.com/',
            'file:///etc/passwd',
            'http://[::1',
            'javascript:alert(1)',
          ]),
    deliveryMode: random() < 0.2 ? undefined : pick(random, ['expectReplies', 'expectReplies', 'normal', 'bogus']),
    from: { id: `u-${conversation}` },
    recipient: { id: 'bot' },
    conversation: { id: conversation },
    text: pick(random, NASTY),
    membersAdded: random() < 0.1 ? [{ id: 'someone' }] : undefined,
  };
  if (random() < 0.5) {
    const key = pick(random, Object.keys(base));
    base[key] = random() < 0.3 ? undefined : anyValue(random);
  }
  return base;
}

/**
 * `count` requests from a seeded generator: activities for /api/messages (most), Direct Line
 * and API calls with bad tokens and bodies, random paths and methods, malformed JSON, wrong
 * content types and oversized bodies.
 */
export function fuzzRequests(random: Random, count: number, sinkUrl: string): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  for (let i = 0; i < count; i++) {
    const conversation = `fuzz-${Math.floor(random() * 40)}`;
    const roll = random();
    const json = { 'content-type': 'application/json' };
    if (roll < 0.45) {
      requests.push({
        method: 'POST',
        path: '/api/messages',
        headers: json,
        body: JSON.stringify(activity(random, sinkUrl, conversation)),
      });
    } else if (roll < 0.55) {
      const raw = pick(random, [
        '{',
        '{"type":',
        'null',
        '[]',
        '"x"',
        '{"a":1}'.repeat(3),
        '\u0000',
        `{"text":"${'x'.repeat(300_000)}"}`,
        '['.repeat(5000),
      ]);
      requests.push({ method: 'POST', path: pick(random, PATHS), headers: json, body: raw });
    } else if (roll < 0.65) {
      requests.push({
        method: 'POST',
        path: pick(random, PATHS),
        headers: {
          'content-type': pick(random, [
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=latin1',
          ]),
        },
        body: 'a=1&b=2',
      });
    } else if (roll < 0.85) {
      const auth = pick(random, [
        'Bearer x',
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
        'Basic YTpi',
        '',
        'Bearer ' + 'a'.repeat(5000),
      ]);
      requests.push({
        method: pick(random, ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
        path: pick(random, PATHS),
        headers: { ...json, ...(auth ? { authorization: auth } : {}) },
        body: random() < 0.5 ? JSON.stringify(anyValue(random)) : undefined,
      });
    } else {
      requests.push({
        method: 'POST',
        path: pick(random, ['/api/auth/login', '/api/chat/token', '/v3/directline/conversations/x/activities']),
        headers: json,
        body: JSON.stringify(anyValue(random)),
      });
    }
  }
  return requests;
}
