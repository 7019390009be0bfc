import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer } from './apiTestServer.js';

let api: ApiTestServer;
beforeAll(async () => {
  api = await startApiTestServer();
  for (const login of ['xiaozhao', 'xiaoqian', 'xiaosun']) await api.agents.addAgent(login, 'right-password-1');
});
afterAll(() => api.close());

/** A login attempt from a client address (the test server trusts X-Forwarded-For from loopback, as behind a proxy). */
const attempt = (login: string, password: string, address: string) =>
  fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ login, password }),
  });

describe('guessing agents’ passwords', () => {
  it('when one address keeps guessing one account, then after three failures it must wait, even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await attempt('xiaozhao', `guess-${i}`, '203.0.113.1')).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await attempt('xiaozhao', 'right-password-1', '203.0.113.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('when the attacker’s address is held back, then the right password from another address still works', async () => {
    expect((await attempt('xiaozhao', 'right-password-1', '198.51.100.7')).status).toBe(200);
  });

  it('when guesses on one account come from many addresses, then after ten failures each address gets one and the agent still logs in', async () => {
    const statuses: number[] = [];
    // Twenty attackers, two guesses each.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 20; i++)
        statuses.push((await attempt('xiaoqian', `guess-${round}-${i}`, `192.0.2.${i + 1}`)).status);
    }
    const wrongPasswordAnswers = statuses.filter((s) => s === 401).length;
    // The first ten failures make the account hot; then only addresses that have not failed on it may try.
    expect(wrongPasswordAnswers).toBe(20);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // The agent, from an address that has not failed, gets in.
    expect((await attempt('xiaoqian', 'right-password-1', '198.51.100.8')).status).toBe(200);
  });

  it('when one address tries many accounts, then it gets at most ten tries a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(`someone-${i}`, 'guess', '203.0.113.99')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The real agent elsewhere is not affected.
    expect((await attempt('xiaosun', 'right-password-1', '198.51.100.9')).status).toBe(200);
  });
});
