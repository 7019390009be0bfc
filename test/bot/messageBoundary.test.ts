import { describe, expect, it } from 'vitest';
import { incomingActivitySchema } from '../../src/bot/activitySchema.js';
import { checkServiceUrl } from '../../src/bot/serviceUrlGuard.js';

const loopback = ['localhost', '127.0.0.1', '[::1]', '::1'];

describe('checkServiceUrl', () => {
  it.each(['http://localhost:3979/', 'http://127.0.0.1:9000/v3', 'http://[::1]:8080/'])(
    'when the serviceUrl is %s, then it is allowed',
    (url) => {
      expect(checkServiceUrl(url, loopback).ok).toBe(true);
    },
  );
  it.each(['https://attacker.example.com/', 'http://10.0.0.5/', 'http://localhost.evil.test/', 'not a url'])(
    'when the serviceUrl is %s, then it is refused',
    (url) => {
      expect(checkServiceUrl(url, loopback).ok).toBe(false);
    },
  );
});

describe('incomingActivitySchema', () => {
  const valid = {
    type: 'message',
    channelId: 'emulator',
    serviceUrl: 'http://localhost:1/',
    from: { id: 'u' },
    recipient: { id: 'b' },
    conversation: { id: 'c' },
    text: '你好',
  };
  it('when the activity has the required fields, then extra fields pass through', () => {
    const parsed = incomingActivitySchema.parse({ ...valid, channelData: { clientActivityID: 'x' } });
    expect(parsed.channelData).toEqual({ clientActivityID: 'x' });
  });
  it.each([
    ['conversation', { ...valid, conversation: undefined }],
    ['serviceUrl', { ...valid, serviceUrl: 'javascript:alert(1)' }],
    ['from', { ...valid, from: 'u' }],
    ['deliveryMode', { ...valid, deliveryMode: 'sometimes' }],
  ])('when %s is wrong, then parsing fails on that field', (field, body) => {
    const result = incomingActivitySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });
});
