/** The server's contract types, in one place for the client (types only: nothing of the server is bundled). */
export type { AreaCollection, AreaLevel, AreaProperties } from '../../../server/src/contract/areas.ts';
export type { GridCollection, GridProperties } from '../../../server/src/contract/grids.ts';
export type { LocateResult, PlaceSearchResult } from '../../../server/src/contract/locate.ts';
export type { PolygonGeometry } from '../../../server/src/contract/geo.ts';
export type { TileLayer } from '../../../server/src/contract/tiles.ts';
export type { AreaFigures, CaseFeed, CoverageSettings, FeedCase, StatsSummary } from '../../../server/src/contract/stats.ts';
export type { Grant, Role, SessionInfo, SessionUser, SignInBody } from '../../../server/src/contract/auth.ts';
export type { AuditEntry, AuditPage } from '../../../server/src/contract/audit.ts';
export type { CreateUserBody, CreatedWallToken, CreateWallTokenBody, UserView, WallTokenView } from '../../../server/src/contract/users.ts';
export type { CaseEvent, CaseList, CaseView } from '../../../server/src/contract/cases.ts';
export type {
  AlertState,
  DispatchAlert,
  DispatchView,
  MemberAlertView,
  MemberAnswer,
  MemberLinkView,
  NearbyMember,
  NearbyResult,
} from '../../../server/src/contract/dispatch.ts';
export type { DataTopic, LiveEvent } from '../../../server/src/contract/live.ts';

import type { AreaCollection } from '../../../server/src/contract/areas.ts';
import type { GridCollection } from '../../../server/src/contract/grids.ts';
import type { z } from 'zod';
import type { CaseList, CaseView, CreateCaseBody, caseSeverities, caseStatuses } from '../../../server/src/contract/cases.ts';
import type { StartDispatchBody } from '../../../server/src/contract/dispatch.ts';

export type AreaFeature = AreaCollection['features'][number];
export type GridFeature = GridCollection['features'][number];
export type CaseSummary = CaseList['cases'][number];
export type CaseSeverity = (typeof caseSeverities)[number];
export type CaseStatus = (typeof caseStatuses)[number];
export type CaseRef = NonNullable<CaseView['town']>;
/** What the client sends (defaults filled in by the server). */
export type CreateCaseInput = z.input<typeof CreateCaseBody>;
export type StartDispatchInput = z.input<typeof StartDispatchBody>;
