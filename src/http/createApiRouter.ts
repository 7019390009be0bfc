import { Router } from 'express';
import type { AgentService } from '../agents/AgentService.js';
import { fieldLabels } from '../tickets/repairFields.js';
import type { LoginGuard } from '../limits/loginGuard.js';
import type { TicketService } from '../tickets/TicketService.js';
import { createAuthRouter } from './authRouter.js';
import { requireAgent } from './requireAgent.js';
import { createTicketsRouter } from './ticketsRouter.js';

export interface ApiDependencies {
  tickets: TicketService;
  agents: AgentService;
  logins: LoginGuard;
}

/**
 * The agents' REST API, to mount at /api: `app.use('/api', createApiRouter(deps))`, with
 * `app.use(errorHandler)` after all routes. It parses JSON only on its own routes and lets
 * every other path (e.g. /api/messages) fall through untouched.
 */
export function createApiRouter(deps: ApiDependencies): Router {
  const router = Router();
  router.use('/auth', createAuthRouter(deps.agents, deps.logins));
  // The repair report's fields (keys, titles, order) for the console: one definition, in knowledge/.
  router.get('/repair-form', (_req, res) => {
    res.json({ fields: fieldLabels() });
  });
  router.use('/tickets', requireAgent(deps.agents), createTicketsRouter(deps.tickets));
  return router;
}
