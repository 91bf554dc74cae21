import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as areaPanel from '../area-panel/openapi.ts';
import * as areas from '../areas/openapi.ts';
import * as audit from '../audit/openapi.ts';
import * as auth from '../auth/openapi.ts';
import * as cases from '../cases/openapi.ts';
import * as dispatch from '../dispatch/openapi.ts';
import * as grids from '../grids/openapi.ts';
import * as health from '../health/openapi.ts';
import { registerSecuritySchemes, type ApiTag } from '../http/openapi.ts';
import * as live from '../live/openapi.ts';
import * as locate from '../locate/openapi.ts';
import * as members from '../members/openapi.ts';
import * as newOrgs from '../new-orgs/openapi.ts';
import * as orgs from '../orgs/openapi.ts';
import * as places from '../places/openapi.ts';
import * as planFiles from '../plan-files/openapi.ts';
import * as plans from '../plans/openapi.ts';
import * as registryFiles from '../registry-files/openapi.ts';
import * as regional from '../regional/openapi.ts';
import * as stats from '../stats/openapi.ts';
import * as tiles from '../tiles/openapi.ts';
import * as users from '../users/openapi.ts';
import * as wishes from '../wishes/openapi.ts';
import * as belts from '../belts/openapi.ts';

/** What each capability's openapi.ts exports: its tag and a function that registers its paths. */
type CapabilityApi = { tag: ApiTag; registerPaths(registry: OpenAPIRegistry): void };

/** In the order the document lists them. */
const capabilities: CapabilityApi[] = [health, auth, areas, grids, locate, tiles, stats, cases, members, dispatch, plans, planFiles, registryFiles, live, users, audit, orgs, places, areaPanel, newOrgs, regional, wishes, belts];

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with. Each
 * capability describes its own paths (`server/src/<capability>/openapi.ts`); this only assembles them.
 * `publicUrl` (PUBLIC_URL) becomes the first server, for clients generated from a downloaded copy.
 */
export function buildOpenApiDocument(publicUrl?: string) {
  const registry = new OpenAPIRegistry();
  registerSecuritySchemes(registry);
  for (const capability of capabilities) capability.registerPaths(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'RedGrid API',
      version: '1',
      description:
        '红网格 — spatial API for grid-based Party building. Errors answer { "error": { "code", "message" } }. ' +
        'Malformed input answers 400 before it reaches the database: invalid_path (including percent-encoding that does not decode), ' +
        'invalid_query (numbers in decimal digits only; dates in 2000–2100, offsets within ±14:00), invalid_body (text without control ' +
        'characters or lone surrogates), invalid_json, invalid_encoding; also 413 payload_too_large, 415 unsupported_encoding and ' +
        'unsupported_charset. Answers carrying personal data are Cache-Control: no-store. ' +
        'Every /api/v1 and /tiles request needs a session (cookie rg_session from sign-in, with X-CSRF-Token on writes) ' +
        'or a wall display token (Authorization: Bearer); each operation names the security schemes it accepts. ' +
        'Rows outside the caller\'s scope answer 404 or are left out.',
    },
    servers: [
      ...(publicUrl ? [{ url: publicUrl, description: 'The configured public address (PUBLIC_URL)' }] : []),
      // relative: the origin that serves this document
      { url: '/', description: 'The server that serves this document' },
    ],
    tags: capabilities.map((c) => c.tag),
  });
}
