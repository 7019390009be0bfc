import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What the pages need and no more: our own scripts (Web Chat's bundle is served from here),
 * inline styles (Web Chat injects its CSS at run time), images as data:/blob: URLs (Web Chat's
 * icons, pasted images), and connections to our own origin (REST and the Direct Line
 * WebSocket; CSP3 'self' covers ws: on the same host) and to blob: URLs (Web Chat's upload
 * button reads the picked file through fetch(blob:) before posting it). No upgrade-insecure-requests: the
 * embedded default is served over plain HTTP on loopback.
 */
const directives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  mediaSrc: ["'self'", 'blob:', 'data:'],
  connectSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  upgradeInsecureRequests: null,
};

/** Paths whose answers carry tokens, tickets or conversations: never kept by a browser or proxy cache. */
const PRIVATE_PREFIXES = ['/api/', '/v3/'];

/**
 * Security headers for every response (helmet): the CSP above, nosniff, no referrer, and
 * frame-ancestors 'none' (X-Frame-Options DENY) for the agents' and the lead's consoles, which no page may
 * frame; the customer's /chat may be framed by our own origin. API answers are no-store.
 */
export function securityHeaders(): Router {
  const router = Router();
  router.use(
    helmet({ contentSecurityPolicy: { useDefaults: false, directives }, referrerPolicy: { policy: 'no-referrer' } }),
  );
  router.use(
    ['/agent', '/admin'],
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { ...directives, frameAncestors: ["'none'"] } },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  router.use(noStoreForPrivatePaths);
  return router;
}

const noStoreForPrivatePaths: RequestHandler = (req, res, next) => {
  if (PRIVATE_PREFIXES.some((prefix) => req.path.startsWith(prefix))) res.setHeader('Cache-Control', 'no-store');
  next();
};
