import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers with a CSP the map works under: scripts only from this origin (no inline
 * scripts), MapLibre's workers from blob: URLs, tiles and API from this origin, nothing remote.
 * Inline style attributes stay allowed: MapLibre, deck.gl and swagger-ui position elements with them.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'blob:', 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HTTPS is the deployment's business (a reverse proxy); on plain HTTP these would break the app.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}
