import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer } from './apiTestServer.js';

let api: ApiTestServer;
beforeAll(async () => {
  api = await startApiTestServer();
  await api.agents.addAgent('xiaozhao', 'right-password-1');
});
afterAll(() => api.close());

const attempt = (password: string) =>
  fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'xiaozhao', password }),
  }).then((r) => r.status);

describe('guessing agents passwords', () => {
  it('when one address keeps trying wrong passwords, then after 10 attempts in a minute it gets 429, even with the right one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await attempt(`guess-${i}`));
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(await attempt('right-password-1')).toBe(429);
  });
});
