import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { reportFieldLabels } from '../../src/tickets/ticketSchemas.js';
import { startApiTestServer, type ApiTestServer } from './apiTestServer.js';

let api: ApiTestServer;
beforeAll(async () => {
  api = await startApiTestServer();
});
afterAll(() => api.close());

const fieldsBody = z.object({
  fields: z.array(z.object({ key: z.string(), title: z.string(), required: z.boolean() })),
});
const dataFile = z.object({ fields: z.array(z.object({ key: z.string(), title: z.string() })) });

describe('the repair form, one definition', () => {
  it('when the console asks for the report fields, then it gets the keys and titles of the data file, in its order, without logging in', async () => {
    const res = await fetch(`${api.baseUrl}/api/repair-form`);
    expect(res.status).toBe(200);
    const body = fieldsBody.parse(await res.json());
    const file = dataFile.parse(JSON.parse(readFileSync('knowledge/dialogs/repair-form.json', 'utf8')));
    expect(body.fields.map((f) => [f.key, f.title])).toEqual(file.fields.map((f) => [f.key, f.title]));
  });

  it('when the dialog and the ticket schema read the fields, then they see the same keys and titles', () => {
    const dialogFields = loadDialogKnowledge('knowledge').form.map((f) => [f.key, f.title]);
    expect(Object.entries(reportFieldLabels)).toEqual(dialogFields);
  });

  it('when a report value breaks its field’s rule, then the ticket is refused naming the field', async () => {
    const refused = api.tickets.create({ policy: 'rongke-server', report: { phone: '12345' } });
    await expect(refused).rejects.toMatchObject({ code: 'bad_request', details: { field: 'report.phone' } });
    const unknown = api.tickets.create({ policy: 'rongke-server', report: { colour: '红色' } });
    await expect(unknown).rejects.toMatchObject({ code: 'bad_request' });
  });
});
