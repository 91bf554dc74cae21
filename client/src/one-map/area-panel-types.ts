import type { AreaPanel } from '../api/contract.ts';

export type { AreaPanel };
export type NewOrgRatesView = AreaPanel['new_orgs']['enterprise'];
