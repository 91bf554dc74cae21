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
export type { AreaPanel } from '../../../server/src/contract/area-panel.ts';

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

// the registry (issue 13): organizations, members, service positions, files
export type { OrgKind, OrgList, OrgRecord, OrgSummary } from '../../../server/src/contract/orgs.ts';
export type { MemberDetail, MemberList, MemberSummary, PointsEntry, PointsLedger, RegistryRules, StarReview } from '../../../server/src/contract/members.ts';
export type { HistoryEntry } from '../../../server/src/contract/registry.ts';
export type { PlaceKind, PlaceList, PlaceRecord, PlaceSummary } from '../../../server/src/contract/places.ts';
export type { HouseholdInput, LinkedHousehold } from '../../../server/src/contract/places.ts';
export type { ImportJob, ImportReport, RegistryEntity } from '../../../server/src/contract/registry-files.ts';
import type { CreateOrgBody, UpdateOrgBody } from '../../../server/src/contract/orgs.ts';
import type { CreateMemberBody, CreditPointsBody, UpdateMemberBody } from '../../../server/src/contract/members.ts';
import type { CreatePlaceBody, UpdatePlaceBody } from '../../../server/src/contract/places.ts';
import type { importCrses, importModes } from '../../../server/src/contract/registry-files.ts';

export type CreateOrgInput = z.input<typeof CreateOrgBody>;
export type UpdateOrgInput = z.input<typeof UpdateOrgBody>;
export type CreateMemberInput = z.input<typeof CreateMemberBody>;
export type UpdateMemberInput = z.input<typeof UpdateMemberBody>;
export type CreditPointsInput = z.input<typeof CreditPointsBody>;
export type CreatePlaceInput = z.input<typeof CreatePlaceBody>;
export type UpdatePlaceInput = z.input<typeof UpdatePlaceBody>;
export type ImportMode = (typeof importModes)[number];
export type ImportCrs = (typeof importCrses)[number];

// model belts (示范带)
export type { BeltLeg, BeltList, BeltRecord, BeltRoute, BeltSite, BeltSummary, CorridorCounts } from '../../../server/src/contract/belts.ts';
import type { CreateBeltBody, PreviewBeltBody, UpdateBeltBody } from '../../../server/src/contract/belts.ts';
export type CreateBeltInput = z.input<typeof CreateBeltBody>;
export type PreviewBeltInput = z.input<typeof PreviewBeltBody>;
export type UpdateBeltInput = z.input<typeof UpdateBeltBody>;

// new-type organizations (两新组织覆盖)
export type {
  AreaRates,
  CoverageMode,
  KindRates,
  NewOrgKind,
  NewOrgList,
  NewOrgRates as NewOrgRatesAnswer,
  NewOrgRecord,
  NewOrgStatus,
  NewOrgSummary,
  TrackingItem,
  TrackingList,
} from '../../../server/src/contract/new-orgs.ts';
import type { CoverNewOrgBody } from '../../../server/src/contract/new-orgs.ts';
export type CoverNewOrgInput = z.input<typeof CoverNewOrgBody>;
// 区域化党建 (issue 14): pairings, regional groups, their lists and meetings
export type {
  FollowUp,
  GroupList,
  GroupMember,
  GroupOutlines,
  GroupRecord,
  GroupSummary,
  ListItem,
  Lists,
  Meeting,
  PairingArcs,
  PairingList,
  PairingRecord,
  PairingSummary,
  PartnerKind,
  RegionalList,
  RegionalStatus,
} from '../../../server/src/contract/regional.ts';
import type {
  CreateFollowUpBody,
  CreateListItemBody,
  CreateMeetingBody,
  CreatePairingBody,
  UpdateFollowUpBody,
  UpdateListItemBody,
} from '../../../server/src/contract/regional.ts';

export type CreatePairingInput = z.input<typeof CreatePairingBody>;
export type CreateListItemInput = z.input<typeof CreateListItemBody>;
export type UpdateListItemInput = z.input<typeof UpdateListItemBody>;
export type CreateMeetingInput = z.input<typeof CreateMeetingBody>;
export type CreateFollowUpInput = z.input<typeof CreateFollowUpBody>;
export type UpdateFollowUpInput = z.input<typeof UpdateFollowUpBody>;
// micro-wishes (微心愿)
export type { MemberWish, MemberWishesView, PersonalLinkView, WishList, WishRecord, WishStatus, WishSummary } from '../../../server/src/contract/wishes.ts';
import type { CreateWishBody, UpdateWishBody } from '../../../server/src/contract/wishes.ts';
export type CreateWishInput = z.input<typeof CreateWishBody>;
export type UpdateWishInput = z.input<typeof UpdateWishBody>;
