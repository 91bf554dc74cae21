import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { projectRoot } from '../config.ts';

export const clientDist = path.join(projectRoot, 'client', 'dist');

/** Serves the built client; any non-API path answers index.html so client routes work on reload. */
export function staticClient(): Router {
  const router = Router();
  if (!existsSync(path.join(clientDist, 'index.html'))) return router;
  router.use(express.static(clientDist, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/|api$|tiles\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(path.join(clientDist, 'index.html'));
  });
  return router;
}
