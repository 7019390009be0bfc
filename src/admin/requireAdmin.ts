import type { RequestHandler } from 'express';
import type { AgentService } from '../agents/AgentService.js';
import { AppError } from '../errors.js';
import { currentAgent, requireAgent } from '../http/requireAgent.js';

/**
 * Express middleware for the lead's console: 401 without a valid bearer token (the agents'
 * check, requireAgent), then 403 for an account whose role is agent rather than admin.
 * currentAgent(res) names who made a change.
 */
export function requireAdmin(agents: Pick<AgentService, 'authenticate'>): RequestHandler[] {
  const adminOnly: RequestHandler = (_req, res, next) => {
    if (currentAgent(res).role !== 'admin') throw new AppError('forbidden', '需要主管权限。(Admin role required.)');
    next();
  };
  return [requireAgent(agents), adminOnly];
}
