import type { AreaRates, KindRates, NewOrgKind, NewOrgRates, NewOrgRecord, NewOrgRuleView, NewOrgSummary, TrackingItem } from '../contract/new-orgs.ts';
import { presentHistory } from '../registry-history/present.ts';
import type { HistoryRow } from '../registry-history/queries.ts';
import type { AreaRow, NewOrgRow, RateRow, RuleRow, TrackingEntryRow, TrackingItemRow } from './queries.ts';

export function presentNewOrg(r: NewOrgRow): NewOrgSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    credit_code: r.credit_code,
    area_code: r.area_code,
    area_name: r.area_name,
    town_code: r.town_code,
    staff_count: r.staff_count,
    member_count: r.member_count,
    coverage_mode: r.coverage_mode,
    status: r.status,
    formed: r.formed,
    covered: r.covered,
    covering_org: r.covering_org_id === null ? null : { id: r.covering_org_id, name: r.covering_org_name ?? '' },
    instructor_name: r.instructor_name,
    registered_on: r.registered_on,
    covered_on: r.covered_on,
    position: [r.lng, r.lat],
    tracking: r.tracking_id === null ? null : { id: r.tracking_id, opened_on: r.opened_on ?? '', target_on: r.target_on, overdue: r.overdue },
  };
}

export function presentNewOrgRecord(r: NewOrgRow, tracking: TrackingEntryRow[], history: HistoryRow[]): NewOrgRecord {
  return { ...presentNewOrg(r), tracking_history: tracking, history: history.map(presentHistory) };
}

export function presentTrackingItem(r: TrackingItemRow): TrackingItem {
  return {
    id: r.id,
    new_org: { id: r.new_org_id, name: r.name, kind: r.kind, status: r.status, member_count: r.member_count, staff_count: r.staff_count },
    area_code: r.area_code,
    area_name: r.area_name,
    town_code: r.town_code,
    town_name: r.town_name,
    opened_on: r.opened_on,
    target_on: r.target_on,
    overdue: r.overdue,
    closed_on: r.closed_on,
    closed_mode: r.closed_mode,
    closed_by: r.closed_by,
  };
}

type Counts = Omit<KindRates, 'formation_rate' | 'coverage_rate'>;
const zero: Counts = { total: 0, formed: 0, covered: 0, as_rule: 0, otherwise: 0, members_no_org: 0, no_members: 0 };

/** 组建率 = formed / total, 覆盖率 = covered / total; null when there is none of the kind. */
function withRates(c: Counts): KindRates {
  return { ...c, formation_rate: c.total === 0 ? null : c.formed / c.total, coverage_rate: c.total === 0 ? null : c.covered / c.total };
}

function add(a: Counts, b: Counts): Counts {
  return {
    total: a.total + b.total,
    formed: a.formed + b.formed,
    covered: a.covered + b.covered,
    as_rule: a.as_rule + b.as_rule,
    otherwise: a.otherwise + b.otherwise,
    members_no_org: a.members_no_org + b.members_no_org,
    no_members: a.no_members + b.no_members,
  };
}

/** Every child area with both kinds' figures (zeros where an area has none), and the totals of the area. */
export function presentRates(area: AreaRow, threshold: number, children: AreaRow[], rows: RateRow[]): NewOrgRates {
  const counts = (code: string, kind: NewOrgKind): Counts => {
    const r = rows.find((x) => x.code === code && x.kind === kind);
    return r
      ? {
          total: r.total,
          formed: r.formed,
          covered: r.covered,
          as_rule: r.as_rule,
          otherwise: r.otherwise,
          members_no_org: r.members_no_org,
          no_members: r.no_members,
        }
      : zero;
  };
  const areas: AreaRates[] = children.map((c) => ({
    code: c.code,
    name: c.name,
    level: c.level,
    target_on: c.target_on,
    enterprise: withRates(counts(c.code, 'enterprise')),
    social_org: withRates(counts(c.code, 'social_org')),
  }));
  const total = (kind: NewOrgKind) => withRates(children.map((c) => counts(c.code, kind)).reduce(add, zero));
  return {
    area: { code: area.code, name: area.name, level: area.level },
    own_branch_min_members: threshold,
    areas,
    totals: { enterprise: total('enterprise'), social_org: total('social_org') },
  };
}

export function presentRule(r: RuleRow): NewOrgRuleView {
  return { own_branch_min_members: r.own_branch_min_members, updated_at: r.updated_at.toISOString(), updated_by: r.updated_by };
}
