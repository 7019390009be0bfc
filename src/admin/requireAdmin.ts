import type { RequestHandler } from 'express';
import type { AgentService } from '../agents/AgentService.js';
import { AppError } from '../errors.js';

/**
 * Express middleware for the lead's console: 401 without a valid bearer token (as the agents'
 * API), 403 for a token whose account is an agent rather than an admin. Puts the account in
 * res.locals.agent, so currentAgent(res) names who made a change.
 */
export function requireAdmin(agents: Pick<AgentService, 'authenticate'>): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec((req.get('authorization') ?? '').trim());
    if (!match?.[1]) throw new AppError('unauthorized', '需要主管登录。(Bearer token required.)');
    const account = await agents.authenticate(match[1]);
    if (account.role !== 'admin') throw new AppError('forbidden', '需要主管权限。(Admin role required.)');
    res.locals.agent = account;
    next();
  };
}
