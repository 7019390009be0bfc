import { gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, type Listening } from '../support/listenOnLoopback.js';
import { createErrorHandler, notFoundHandler } from '../../src/http/errorHandler.js';
import { jsonBody, jsonDepth, MAX_JSON_DEPTH } from '../../src/http/jsonBody.js';

let listening: Listening;
let baseUrl: string;
const logged: unknown[] = [];

beforeAll(async () => {
  const app = express();
  app.post('/echo', jsonBody('8kb'), (req, res) => {
    res.json({ received: req.body ?? null });
  });
  app.use(notFoundHandler);
  app.use(createErrorHandler((error) => logged.push(error)));
  listening = await listenOnLoopback(app);
  baseUrl = listening.baseUrl;
});
afterAll(() => listening.close());

async function send(
  body: string | Blob,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; code: unknown }> {
  const res = await fetch(`${baseUrl}/echo`, { method: 'POST', headers, body });
  const json: unknown = await res.json();
  const code =
    typeof json === 'object' &&
    json !== null &&
    'error' in json &&
    typeof json.error === 'object' &&
    json.error !== null &&
    'code' in json.error
      ? json.error.code
      : undefined;
  return { status: res.status, code };
}

describe('jsonBody (every route’s JSON parser)', () => {
  it('when JSON nests deeper than the limit, then it is a 400 bad_request, not a stack overflow later', async () => {
    const deep = `{"value":${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}}`;
    expect(await send(deep)).toEqual({ status: 400, code: 'bad_request' });
    const fine = `{"value":${'['.repeat(10)}${']'.repeat(10)}}`;
    expect((await send(fine)).status).toBe(200);
    expect(logged).toEqual([]);
  });

  it('when brackets sit inside strings, then they do not count as nesting', () => {
    expect(jsonDepth('{"text":"[[[[{{{{\\"]]]"}')).toBe(1);
    expect(jsonDepth('[[1],[2,[3]]]')).toBe(3);
  });

  it('when a body comes as text/plain or a form, then it is a 415 naming JSON, not an empty body', async () => {
    expect(await send('{"a":1}', { 'content-type': 'text/plain' })).toEqual({
      status: 415,
      code: 'unsupported_media_type',
    });
    expect(await send('a=1', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual({
      status: 415,
      code: 'unsupported_media_type',
    });
  });

  it('when a gzip body is corrupt or a charset unknown, then it is a 4xx with a message and nothing is logged as a failure', async () => {
    const corrupt = await send('not gzip at all', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(corrupt).toEqual({ status: 400, code: 'bad_request' });
    const good = await send(new Blob([Uint8Array.from(gzipSync('{"a":1}'))]), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(good.status).toBe(200);
    expect((await send('{}', { 'content-type': 'application/json; charset=koi8-r' })).status).toBe(415);
    expect(logged).toEqual([]);
  });

  it('when a path does not exist, then the answer is a JSON 404 like every other API error', async () => {
    const res = await fetch(`${baseUrl}/no/such/route`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
