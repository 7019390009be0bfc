import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/createKnowledgeBase.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { readinessChecks } from '../../src/server/readiness.js';
import { allMigrations, coreMigrations, type Migration } from '../../src/storage/migrations/index.js';
import { openDatabase, type DatabaseHandle } from '../../src/storage/openDatabase.js';

const dirs: string[] = [];
const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(migrations: readonly Migration[] = allMigrations): Promise<DatabaseHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'ready-'));
  dirs.push(dir);
  const handle = await openDatabase({ DATA_DIR: dir, DATABASE_URL: undefined }, { migrations });
  handles.push(handle);
  return handle;
}

const knowledge = createKnowledgeBase('knowledge');
const knowledgeWith = (policies: number): KnowledgeBase => ({
  ...knowledge,
  policies: () => knowledge.policies().slice(0, policies),
});

const results = async (database: DatabaseHandle, knowledge: KnowledgeBase) =>
  Promise.all(readinessChecks(database, knowledge).map(async (c) => ({ name: c.name, ...(await c.check()) })));

describe('readiness checks', () => {
  it('when the store answers, policies are loaded and every migration is applied, then every check passes', async () => {
    expect((await results(await open(), knowledgeWith(2))).every((r) => r.ok)).toBe(true);
  });

  it('when a registered migration was never applied, then the migrations check fails naming it', async () => {
    const checks = await results(await open(coreMigrations), knowledgeWith(2));
    expect(checks.find((c) => c.name === 'migrations')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('100'),
    });
  });

  it('when no policy is loaded, then the knowledge check fails', async () => {
    expect((await results(await open(), knowledgeWith(0))).find((c) => c.name === 'knowledge')).toMatchObject({
      ok: false,
    });
  });

  it('when the store is closed, then the store check fails', async () => {
    const database = await open();
    await database.close();
    handles.splice(handles.indexOf(database), 1);
    const store = readinessChecks(database, knowledgeWith(2)).find((c) => c.name === 'store');
    await expect(store?.check()).rejects.toThrow();
  });
});
