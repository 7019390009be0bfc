import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { loadDomain } from '../../src/loadDomain.js';
import { messageActivity, post, startApp, type RunningApp } from '../app/appServer.js';

// A new intent added the way the README says: an entry in knowledge/nlu/intents.json routing it to
// an existing dialog (the ticket lookup), and its utterances. No code knows its name.
const utterances = join(import.meta.dirname, 'fixtures', 'added-intent', 'urge_repair.json');
const intentsFile = z.object({
  $comment: z.string().optional(),
  intents: z.array(z.object({ id: z.string(), route: z.unknown() })),
});
let root: string;
let knowledgeDir: string;
let app: RunningApp;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'added-intent-'));
  knowledgeDir = join(root, 'knowledge');
  cpSync('knowledge', knowledgeDir, { recursive: true });
  cpSync(utterances, join(knowledgeDir, 'nlu', 'utterances', 'urge_repair.json'));
  const file = join(knowledgeDir, 'nlu', 'intents.json');
  const data = intentsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  data.intents.push({ id: 'urge_repair', route: { kind: 'ticket' } });
  writeFileSync(file, JSON.stringify(data));
  app = await startApp(join(root, 'data'), { KNOWLEDGE_DIR: knowledgeDir });
});
afterAll(async () => {
  await app?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('an intent added as data', () => {
  it('when the knowledge is loaded, then the matcher knows the new label and recognises a new phrasing of it', () => {
    const { matcher } = loadDomain(knowledgeDir);
    expect(matcher.labels).toContain('urge_repair');
    expect(matcher.match('师傅怎么还没上门，帮我催催').intent).toBe('urge_repair');
  });

  it('when a customer says it, then the router sends them to the dialog its route names', async () => {
    const { wording } = loadDialogKnowledge(knowledgeDir);
    const reply = await post(app.baseUrl, messageActivity('urge-1', '工程师到现在还没来，帮我催一下'));
    expect(reply.status).toBe(200);
    expect(reply.texts).toContain(wording.ticketStatus.askNumber);
  });

  it('when intents.json routes to a reply wording that does not exist, then loading fails naming the intent', () => {
    const file = join(knowledgeDir, 'nlu', 'intents.json');
    const saved = readFileSync(file, 'utf8');
    const data = intentsFile.parse(JSON.parse(saved));
    data.intents.push({ id: 'thanks', route: { kind: 'reply', wording: 'noSuchWording' } });
    writeFileSync(file, JSON.stringify(data));
    try {
      expect(() => loadDialogKnowledge(knowledgeDir)).toThrow(/thanks.*noSuchWording/);
    } finally {
      writeFileSync(file, saved);
    }
  });
});
