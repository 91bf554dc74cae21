import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../config.ts';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from './http-error.ts';

export const clientDist = path.join(projectRoot, 'client', 'dist');

/** Serves the built client; any non-API path answers index.html so client routes work on reload. */
export function staticClient(): Router {
  const router = Router();
  if (!existsSync(path.join(clientDist, 'index.html'))) return router;
  // Vite names every built asset by a hash of its content: a name is never reused for other bytes
  router.use('/assets', express.static(path.join(clientDist, 'assets'), { index: false, immutable: true, maxAge: '365d' }));
  // a missing asset is a 404, not the page: a script asked for by a page older than this build
  router.use('/assets', () => {
    throw new HttpError(404, ErrorCode.notFound, 'No such client asset: reload the page to get this version of RedGrid.');
  });
  router.use(express.static(clientDist, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/|api$|tiles\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(path.join(clientDist, 'index.html'));
  });
  return router;
}
