import WebSocket from 'ws';
import { z } from 'zod';

export const activitySetSchema = z.object({
  activities: z.array(z.object({ id: z.string(), type: z.string(), text: z.string().optional() }).loose()),
  watermark: z.string().optional(),
});
export type ActivitySet = z.infer<typeof activitySetSchema>;

export const conversationSchema = z.object({
  conversationId: z.string(),
  token: z.string(),
  expires_in: z.number(),
  streamUrl: z.string().optional(),
});

/** A JSON request against the server; returns status and parsed body. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  auth: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Polls GET activities until `done` holds for the collected activities, or times out. */
export async function pollUntil(
  baseUrl: string,
  conversationId: string,
  token: string,
  done: (all: ActivitySet['activities']) => boolean,
  timeoutMs = 5000,
): Promise<ActivitySet['activities']> {
  const deadline = Date.now() + timeoutMs;
  let all: ActivitySet['activities'] = [];
  let watermark = '';
  while (Date.now() < deadline) {
    const res = await call(
      baseUrl,
      'GET',
      `/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`,
      token,
    );
    const set = activitySetSchema.parse(res.body);
    all = all.concat(set.activities);
    watermark = set.watermark ?? watermark;
    if (done(all)) return all;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out; saw ${JSON.stringify(all.map((a) => [a.type, a.text]))}`);
}

/** Opens a stream and collects every activity set it sends. */
export function openStream(url: string): {
  sets: ActivitySet[];
  socket: WebSocket;
  opened: Promise<void>;
  waitFor(done: (sets: ActivitySet[]) => boolean, timeoutMs?: number): Promise<void>;
} {
  const socket = new WebSocket(url);
  const sets: ActivitySet[] = [];
  socket.on('message', (data) => sets.push(activitySetSchema.parse(JSON.parse(String(data)))));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    sets,
    socket,
    opened,
    async waitFor(done, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(sets)) {
        if (Date.now() > deadline) throw new Error(`stream timed out; got ${JSON.stringify(sets)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
