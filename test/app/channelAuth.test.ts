import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { messageActivity, post, startApp } from './appServer.js';

const credentials = {
  MicrosoftAppId: '3f1c2a40-0000-4000-8000-00000000abcd',
  MicrosoftAppPassword: 'not-a-real-password',
};

describe('channel authentication', () => {
  it('when app credentials are set, then the server listens on all interfaces and an activity without a token is refused', async () => {
    expect(loadConfig(credentials).HOST).toBe('0.0.0.0');
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    const dataDir = mkdtempSync(join(tmpdir(), 'bot-auth-'));
    const running = await startApp(dataDir, credentials);
    try {
      const res = await post(running.baseUrl, messageActivity('conv-auth', '你好'));
      expect(res.status).toBe(401);
      expect(res.texts).toBe('');
    } finally {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
