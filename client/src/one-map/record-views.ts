import type { ComponentType } from 'react';
import type { Selection } from './one-map-url.ts';
import { WishRecordView } from '../wishes/wish-record-view.tsx';

export interface RecordViewProps {
  id: number;
  onOpenPanel: (kind: 'area' | 'grid', code: string) => void;
}

/**
 * The record view of each feature kind that a capability draws on the 一张图 (new-type
 * organizations, wishes, belts, pairings, regional groups); organizations and places are the
 * feature panel's own. Capabilities add theirs here.
 */
export const recordViews: Partial<Record<Selection['kind'], ComponentType<RecordViewProps>>> = {
  wish: WishRecordView,
};
