import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, type Listening } from '../support/listenOnLoopback.js';
import { createErrorHandler, notFoundHandler } from '../../src/http/errorHandler.js';

let listening: Listening;
let baseUrl: string;
const logged: unknown[] = [];

beforeAll(async () => {
  const app = express();
  app.get('/items/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  app.use(notFoundHandler);
  app.use(createErrorHandler((error) => logged.push(error)));
  listening = await listenOnLoopback(app);
  baseUrl = listening.baseUrl;
});
afterAll(() => listening.close());

describe('the central error handler', () => {
  it('when a path parameter has a malformed %-escape, then it is a 400 about the URL encoding, not a 500 or a body error', async () => {
    const res = await fetch(`${baseUrl}/items/%E0%A4%A`);
    expect(res.status).toBe(400);
    const body: unknown = await res.json();
    expect(body).toMatchObject({ error: { code: 'bad_request' } });
    expect(JSON.stringify(body)).toMatch(/编码/);
    expect(logged).toEqual([]);
  });

  it('when an unknown path is asked for with any method, then it is a JSON 404', async () => {
    for (const method of ['GET', 'DELETE', 'PUT']) {
      const res = await fetch(`${baseUrl}/api/../../etc/passwd`, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});
