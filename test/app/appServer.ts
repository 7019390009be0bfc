import type { Server } from 'node:http';
import { buildApp, type AppOverrides, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Activity } from 'botbuilder';
import { silentLogger } from '../../src/observability/logger.js';

export interface RunningApp {
  built: BuiltApp;
  baseUrl: string;
  stop(): Promise<void>;
}

/** buildApp on DATA_DIR, listening on an ephemeral loopback port. */
export async function startApp(
  dataDir: string,
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<RunningApp> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...env });
  const built = await buildApp(config, { logger: silentLogger(), ...overrides });
  const server: Server = await new Promise((resolve) => {
    const s = built.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    built,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await built.close();
    },
  };
}

/** A message activity as a channel would post it, asking for the replies in the response body. */
export function messageActivity(
  conversationId: string,
  text: string,
  extra: Partial<Activity> = {},
): Record<string, unknown> {
  return {
    type: 'message',
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    serviceUrl: 'http://localhost:59999/',
    from: { id: `user-${conversationId}`, name: '客户' },
    recipient: { id: 'bot', name: '售后助手' },
    conversation: { id: conversationId },
    locale: 'zh-CN',
    text,
    ...extra,
  };
}

/** Posts to /api/messages; returns status and the reply texts (expectReplies). */
export async function post(baseUrl: string, body: unknown): Promise<{ status: number; texts: string; json: unknown }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const raw = await res.text();
  const json = parseJson(raw);
  const texts = repliesOf(json).join('\n');
  return { status: res.status, texts, json };
}

/** Each reply's text followed by its suggested actions as [title], like the dialog transcripts show them. */
function repliesOf(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || !('activities' in json) || !Array.isArray(json.activities))
    return [];
  return json.activities.map((a: unknown) => {
    if (typeof a !== 'object' || a === null) return '';
    const text = 'text' in a && typeof a.text === 'string' ? a.text : '';
    const actions =
      'suggestedActions' in a &&
      typeof a.suggestedActions === 'object' &&
      a.suggestedActions !== null &&
      'actions' in a.suggestedActions &&
      Array.isArray(a.suggestedActions.actions)
        ? a.suggestedActions.actions
        : [];
    const titles = actions.map((x: unknown) =>
      typeof x === 'object' && x !== null && 'title' in x && typeof x.title === 'string' ? `[${x.title}]` : '',
    );
    return [text, ...titles].filter(Boolean).join(' ');
  });
}

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return raw;
  }
}
