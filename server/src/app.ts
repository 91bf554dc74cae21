import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import { areasRoutes } from './areas/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { casesRoutes } from './cases/routes.ts';
import { defaultPolicy, type DispatchPolicy } from './dispatch/engine.ts';
import { dispatchRoutes } from './dispatch/routes.ts';
import { governanceRoutes } from './plan-files/governance-routes.ts';
import { planFilesRoutes } from './plan-files/routes.ts';
import { plansRoutes } from './plans/routes.ts';
import { registryFilesRoutes } from './registry-files/routes.ts';
import type { LiveHub } from './live/hub.ts';
import { liveRoutes } from './live/routes.ts';
import { authenticate, csrfProtection, requireSignedIn } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.ts';
import { SessionCache } from './auth/session-cache.ts';
import type { WallTokenRow } from './auth/queries.ts';
import { docsRoutes } from './docs/routes.ts';
import { gridsRoutes } from './grids/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { compressAnswers } from './http/compression.ts';
import { noStore } from './http/no-store.ts';
import { securityHeaders } from './http/security-headers.ts';
import { staticClient } from './http/static-client.ts';
import { locateRoutes } from './locate/routes.ts';
import { redactUrl, type Logger } from './logger.ts';
import { membersRoutes } from './members/routes.ts';
import { newOrgsRoutes } from './new-orgs/routes.ts';
import { orgsRoutes } from './orgs/routes.ts';
import { placesRoutes } from './places/routes.ts';
import { areaPanelRoutes } from './area-panel/routes.ts';
import { regionalRoutes } from './regional/routes.ts';
import { memberRegistryRoutes } from './members/registry-routes.ts';
import { statsRoutes } from './stats/routes.ts';
import { tilesRoutes } from './tiles/routes.ts';
import { usersRoutes } from './users/routes.ts';
import { wishesRoutes } from './wishes/routes.ts';
import { beltsRoutes } from './belts/routes.ts';

export type AppDeps = {
  db: pg.Pool;
  log: Logger;
  trustProxy?: boolean;
  policy?: DispatchPolicy;
  live?: LiveHub;
  /** the public origin (PUBLIC_URL): when it is https, the session cookie is Secure */
  publicUrl?: string;
  /** SMS_WEBHOOK_URL is set: members get their links by SMS, and the console does not show them */
  smsGateway?: boolean;
};

export function createApp({ db, log, trustProxy = false, policy = defaultPolicy, live, publicUrl, smsGateway = false }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // one hop: the address the reverse proxy appended, never one the client wrote into the header
  app.set('trust proxy', trustProxy ? 1 : false);
  app.use(securityHeaders());
  app.use(compressAnswers());
  app.use(noStore());
  app.use(
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => req.url?.startsWith('/tiles/') ?? false },
      // while the database is away every request answers 503; the outage itself is logged once
      customLogLevel: (_req, res) => (res.statusCode === 503 ? 'silent' : 'info'),
      serializers: {
        req: (req: { url: string; params?: unknown; query?: unknown }) => ({ ...req, url: redactUrl(req.url), params: undefined, query: undefined }),
      },
    }),
  );
  app.use(express.json({ limit: '100kb' }));
  app.use(cookieParser());

  app.use(healthRoutes(db));
  app.use(docsRoutes(publicUrl));

  const sessions = new SessionCache();
  const walls = new SessionCache<WallTokenRow>();
  app.use(authenticate(db, sessions, walls));
  app.use(csrfProtection());
  app.use(authRoutes(db, sessions, { secureCookie: publicUrl?.startsWith('https:') ?? false }));
  app.use(['/api/v1', '/tiles'], requireSignedIn());
  app.use(areasRoutes(db));
  app.use(gridsRoutes(db));
  app.use(locateRoutes(db));
  app.use(tilesRoutes(db));
  app.use(membersRoutes(db));
  app.use(memberRegistryRoutes(db));
  app.use(auditRoutes(db));
  app.use(usersRoutes(db, walls, sessions));
  app.use(statsRoutes(db));
  app.use(casesRoutes(db, policy));
  app.use(dispatchRoutes(db, policy, { smsGateway, publicUrl }));
  app.use(plansRoutes(db));
  app.use(planFilesRoutes(db));
  app.use(governanceRoutes(db));
  app.use(registryFilesRoutes(db));
  app.use(liveRoutes(live));
  app.use(orgsRoutes(db));
  app.use(placesRoutes(db));
  app.use(areaPanelRoutes(db));
  app.use(newOrgsRoutes(db));
  app.use(regionalRoutes(db));
  app.use(wishesRoutes(db, { publicUrl }));
  app.use(beltsRoutes(db));

  app.use(staticClient());
  app.use(notFoundHandler());
  app.use(errorHandler(log));
  return app;
}
