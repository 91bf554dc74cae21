/** The server's contract types, in one place for the client (types only: nothing of the server is bundled). */
export type { AreaCollection, AreaLevel, AreaProperties } from '../../../server/src/contract/areas.ts';
export type { GridCollection, GridProperties } from '../../../server/src/contract/grids.ts';
export type { LocateResult } from '../../../server/src/contract/locate.ts';
export type { PolygonGeometry } from '../../../server/src/contract/geo.ts';
export type { TileLayer } from '../../../server/src/contract/tiles.ts';
export type { Grant, Role, SessionInfo, SessionUser, SignInBody } from '../../../server/src/contract/auth.ts';
export type { AuditEntry, AuditPage } from '../../../server/src/contract/audit.ts';

import type { AreaCollection } from '../../../server/src/contract/areas.ts';
import type { GridCollection } from '../../../server/src/contract/grids.ts';

export type AreaFeature = AreaCollection['features'][number];
export type GridFeature = GridCollection['features'][number];
