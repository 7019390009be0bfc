import { z } from 'zod';
import type { BuiltApp } from '../../../src/app.js';

/** Creates an account with this role on the running app and logs it in; returns its bearer token. */
export async function loginAs(
  baseUrl: string,
  built: BuiltApp,
  login: string,
  role: 'agent' | 'admin',
): Promise<string> {
  const password = `${login}-password-123`;
  await built.agents.addAgent(login, password, role);
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return z.object({ token: z.string() }).parse(await res.json()).token;
}

/** Calls the admin API; `token` undefined sends no Authorization header. */
export async function adminCall(
  baseUrl: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The local date (service desk zone, +08:00 by default) of now. */
export function localToday(offsetMinutes = 480): string {
  return new Date(Date.now() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export const statsSchema = z.object({
  conversations: z.number(),
  contained: z.number(),
  handedOff: z.number(),
  abstained: z.number(),
  outOfScope: z.number(),
  rates: z.object({ contained: z.number(), handedOff: z.number(), abstained: z.number(), outOfScope: z.number() }),
  csat: z.object({ count: z.number(), average: z.number().nullable(), distribution: z.array(z.number()) }),
  days: z.array(
    z.object({
      date: z.string(),
      conversations: z.number(),
      ticketsOpened: z.number(),
      topIntents: z.array(z.object({ intent: z.string(), count: z.number() })),
      topClauses: z.array(z.object({ clause: z.string(), count: z.number() })),
      topUnanswered: z.array(z.object({ text: z.string(), count: z.number() })),
    }),
  ),
});

export const groupsSchema = z.object({
  groups: z.array(
    z.object({
      id: z.number(),
      text: z.string(),
      count: z.number(),
      kinds: z.record(z.string(), z.number()),
      candidates: z.array(z.object({ policy: z.string(), section: z.string(), quote: z.string() })),
    }),
  ),
});
