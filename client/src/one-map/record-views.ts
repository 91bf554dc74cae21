import type { ComponentType } from 'react';
import type { RecordViewProps } from './one-map-tool.ts';
import type { Selection } from './selection.ts';
import { BeltRecordView } from '../belts/belts-tool.tsx';
import { NewOrgRecordView } from '../new-orgs/new-org-record-view.tsx';
import { GroupRecordView, PairingRecordView } from '../regional/regional-tool.tsx';
import { WishRecordView } from '../wishes/wish-record-view.tsx';

/**
 * The record view of each feature kind that a capability draws on the 一张图 (new-type
 * organizations, wishes, belts, pairings, regional groups); organizations and places are the
 * feature panel's own. Capabilities add theirs here.
 */
export const recordViews: Partial<Record<Selection['kind'], ComponentType<RecordViewProps>>> = {
  belt: BeltRecordView,
  new_org: NewOrgRecordView,
  pairing: PairingRecordView,
  regional_group: GroupRecordView,
  wish: WishRecordView,
};
