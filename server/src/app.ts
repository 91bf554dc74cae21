import express, { type Express } from 'express';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import { areasRoutes } from './areas/routes.ts';
import { docsRoutes } from './docs/routes.ts';
import { gridsRoutes } from './grids/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { staticClient } from './http/static-client.ts';
import { locateRoutes } from './locate/routes.ts';
import type { Logger } from './logger.ts';
import { tilesRoutes } from './tiles/routes.ts';

export type AppDeps = { db: pg.Pool; log: Logger };

export function createApp({ db, log }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(pinoHttp({ logger: log, autoLogging: { ignore: (req) => req.url?.startsWith('/tiles/') ?? false } }));
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(db));
  app.use(docsRoutes());
  app.use(areasRoutes(db));
  app.use(gridsRoutes(db));
  app.use(locateRoutes(db));
  app.use(tilesRoutes(db));
  app.use(staticClient());
  app.use(notFoundHandler());
  app.use(errorHandler(log));
  return app;
}
