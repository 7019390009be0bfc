import { Router } from 'express';
import { z } from 'zod';
import type { AgentService } from '../agents/AgentService.js';
import { AppError } from '../errors.js';
import type { LoginGuard } from '../limits/loginGuard.js';
import { safeText } from '../text/inputText.js';
import { jsonBody } from './jsonBody.js';
import { clientAddress, tooManyRequests } from './rateLimit.js';
import { requireAgent, currentAgent } from './requireAgent.js';
import { validateRequest } from './validateRequest.js';

const loginBodySchema = z.object({
  login: safeText(z.string().trim().min(1).max(64)),
  password: z.string().min(1).max(200),
});

/**
 * POST /auth/login {login,password} -> {token, expiresAt}; POST /auth/logout ends the session;
 * GET /auth/me -> {login}. Logins are limited per address and per account (LoginGuard).
 */
export function createAuthRouter(agents: AgentService, logins: LoginGuard): Router {
  const router = Router();
  router.post('/login', jsonBody('8kb'), async (req, res) => {
    const body = validateRequest(loginBodySchema, req.body, 'body');
    const address = clientAddress(req);
    // Decided before the password is looked at, so a refused try learns nothing about it.
    const verdict = await logins.admit(body.login, address);
    if (!verdict.allowed) throw tooManyRequests(verdict.retryAfterMs);
    try {
      const session = await agents.login(body.login, body.password);
      await logins.succeeded(body.login, address);
      res.json(session);
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized') await logins.failed(body.login, address);
      throw error;
    }
  });
  router.post('/logout', requireAgent(agents), async (_req, res) => {
    await agents.logout(currentAgent(res).sessionId);
    res.status(204).end();
  });
  router.get('/me', requireAgent(agents), (_req, res) => {
    res.json({ login: currentAgent(res).login });
  });
  return router;
}
