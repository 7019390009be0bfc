import { sql } from 'kysely';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { ReadinessCheck } from '../observability/health.js';
import { allMigrations } from '../storage/migrations/index.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { pendingMigrations } from '../storage/migrator.js';

/** What /readyz checks: the store answers, the knowledge base is loaded, the schema is current. */
export function readinessChecks(database: DatabaseHandle, knowledge: KnowledgeBase): ReadinessCheck[] {
  return [
    {
      name: 'store',
      async check() {
        await sql`select 1`.execute(database.db);
        return { ok: true, detail: database.dialect };
      },
    },
    {
      name: 'knowledge',
      async check() {
        const policies = knowledge.policies();
        return policies.length > 0
          ? { ok: true, detail: { policies: policies.length } }
          : { ok: false, reason: 'no policies loaded' };
      },
    },
    {
      name: 'migrations',
      async check() {
        const pending = await pendingMigrations(database.db, database.dialect, allMigrations);
        return pending.length === 0 ? { ok: true } : { ok: false, reason: `not applied: ${pending.join(', ')}` };
      },
    },
  ];
}
