import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { buildOpenApiDocument } from './openapi.ts';

/** GET /api/openapi.json and the /api/docs page; `publicUrl` (PUBLIC_URL) is named as a server. */
export function docsRoutes(publicUrl?: string): Router {
  const document = buildOpenApiDocument(publicUrl);
  const router = Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/api/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'RedGrid API' }));
  return router;
}
