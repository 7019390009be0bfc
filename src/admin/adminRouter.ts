import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import type { AgentService } from '../agents/AgentService.js';
import { PUBLIC_DIR } from '../directline/staticAssets.js';
import { jsonBody } from '../http/jsonBody.js';
import { currentAgent } from '../http/requireAgent.js';
import { validateRequest } from '../http/validateRequest.js';
import type { AdminStats } from './adminStats.js';
import type { UnansweredInbox } from './unansweredInbox.js';
import { requireAdmin } from './requireAdmin.js';

const MAX_DAYS = 366;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '不存在的日期 (no such date)',
  );
const periodSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: 'from 应不晚于 to (from must not be after to)', path: ['to'] })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < MAX_DAYS, {
    message: `最多 ${MAX_DAYS} 天 (at most ${MAX_DAYS} days)`,
    path: ['to'],
  });
const groupIdSchema = z.coerce.number().int().positive();
const linkSchema = z.object({
  policy: z.string().min(1).max(32),
  clause: z.string().trim().min(1).max(500),
  confirm: z.boolean().optional(),
});
const confirmSchema = z.object({ confirm: z.boolean().optional() }).default({});
const synonymSchema = z.object({
  word: z.string().trim().min(1).max(30),
  canonical: z.string().trim().min(1).max(30),
  confirm: z.boolean().optional(),
});
const previewSchema = z.union([
  linkSchema.omit({ confirm: true }),
  synonymSchema.omit({ confirm: true }),
  z.object({ outOfScope: z.literal(true) }),
]);

export interface AdminDependencies {
  agents: Pick<AgentService, 'authenticate'>;
  stats: AdminStats;
  inbox: UnansweredInbox;
  /** The policies a question may be linked to, for the page's picker. */
  policies: ReadonlyArray<{ id: string; title: string }>;
}

/** Where Chart.js's prebuilt UMD bundle is (served from node_modules, like Web Chat's). */
function chartBundlePath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

/**
 * The support lead's console: GET /admin (the page) and /admin/chart.js, and under /api/admin
 * (admin token required: 401 without one, 403 for an agent's) the stats, the unanswered inbox
 * and its actions, and the audit log.
 */
export function createAdminRouter(deps: AdminDependencies): Router {
  const router = Router();
  router.get('/admin', (_req, res) => res.sendFile(join(PUBLIC_DIR, 'admin.html')));
  const chart = chartBundlePath();
  router.get('/admin/chart.js', (_req, res) => res.sendFile(chart));

  const api = Router();
  api.use(requireAdmin(deps.agents), jsonBody('16kb'));
  api.get('/stats', async (req, res) => {
    // Without a period, the last week of the desk's calendar (TZ_OFFSET_MINUTES), whatever zone the browser is in.
    const named = Object.keys(req.query).length > 0;
    const period = named ? validateRequest(periodSchema, req.query, 'query') : deps.stats.defaultPeriod();
    res.json(await deps.stats.report(period.from, period.to));
  });
  api.get('/unanswered', async (_req, res) => {
    res.json({ groups: await deps.inbox.groups(), policies: deps.policies });
  });
  api.post('/unanswered/:id/link', async (req, res) => {
    const body = validateRequest(linkSchema, req.body, 'body');
    res.json(await deps.inbox.link(validateRequest(groupIdSchema, req.params.id, 'id'), body, currentAgent(res).login));
  });
  api.post('/unanswered/:id/out-of-scope', async (req, res) => {
    const { confirm } = validateRequest(confirmSchema, req.body, 'body');
    res.json(
      await deps.inbox.markOutOfScope(
        validateRequest(groupIdSchema, req.params.id, 'id'),
        currentAgent(res).login,
        confirm,
      ),
    );
  });
  api.post('/unanswered/:id/synonym', async (req, res) => {
    const body = validateRequest(synonymSchema, req.body, 'body');
    res.json(
      await deps.inbox.addSynonym(validateRequest(groupIdSchema, req.params.id, 'id'), body, currentAgent(res).login),
    );
  });
  // What the change would do to the evaluation data (dev sets and accepted questions), before it is made.
  api.post('/unanswered/:id/preview', async (req, res) => {
    const body = validateRequest(previewSchema, req.body, 'body');
    res.json(
      await deps.inbox.preview(
        validateRequest(groupIdSchema, req.params.id, 'id'),
        'outOfScope' in body ? undefined : body,
      ),
    );
  });
  api.post('/unanswered/:id/dismiss', async (req, res) => {
    res.json(await deps.inbox.dismiss(validateRequest(groupIdSchema, req.params.id, 'id'), currentAgent(res).login));
  });
  api.get('/audit', async (_req, res) => {
    res.json({ entries: await deps.inbox.audit() });
  });
  router.use('/api/admin', api);
  return router;
}
