import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../web/startApp.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

const get = (path: string, init?: RequestInit) => fetch(`${app.baseUrl}${path}`, init);

describe('security headers', () => {
  it('when /chat is served, then its CSP allows our scripts, Web Chat’s inline styles and our own connections, and nothing else', async () => {
    const res = await get('/chat');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('when /agent is served, then no page may frame it', async () => {
    const res = await get('/agent');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('when ticket, console, login and chat-token APIs answer, then nothing may cache them', async () => {
    for (const [path, init] of [
      ['/api/tickets', undefined],
      ['/api/handoff/queue', undefined],
      [
        '/api/auth/login',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":"nobody","password":"x"}' },
      ],
      ['/api/chat/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    ] as const) {
      const res = await get(path, init);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    // Static assets may be cached.
    expect((await get('/webchat/webchat.js')).headers.get('cache-control')).not.toBe('no-store');
  });

  it('when TRUST_PROXY is set, then it becomes express’s setting (addresses, hop counts, on or off)', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'yes; rm -rf' })).toThrow(/TRUST_PROXY/);
  });
});
