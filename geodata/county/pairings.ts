/**
 * Regional Party building (区域化党建): pairings (结对共建) of work units with villages and
 * communities, urban community committees with villages (城乡结对), agencies helping uncovered
 * new-type organizations (帮建), and a regional group (党建联盟) in each street.
 */
import { addDays, randomDate } from './dates.ts';
import { distance } from './geometry.ts';
import type { OrgPlan } from './org-tree.ts';
import type { Rng } from './random.ts';
import type { Territory } from './territory.ts';
import type { TerritorialOrgs } from './territorial-orgs.ts';
import type { NewOrgRow, PairingRow, RegionalGroupOrgRow, RegionalGroupRow } from './types.ts';
import type { WorkUnits } from './work-units.ts';

const CONTENTS = [
  '产业帮扶、技能培训',
  '共建党员活动阵地',
  '联合开展主题党日活动',
  '结对帮扶困难群众',
  '助力乡村振兴项目',
  '医疗义诊进村入户',
  '法律服务进社区',
  '文明实践志愿服务',
  '帮助建立党组织',
  '选派党建指导员',
];

export interface Regional {
  pairings: PairingRow[];
  regionalGroups: RegionalGroupRow[];
  regionalGroupOrgs: RegionalGroupOrgRow[];
}

export function buildRegional(
  territory: Territory,
  orgs: readonly OrgPlan[],
  territorial: TerritorialOrgs,
  units: WorkUnits,
  newOrgs: readonly NewOrgRow[],
  rng: Rng,
): Regional {
  const pairings: PairingRow[] = [];
  const pair = (org: OrgPlan, partner: Pick<PairingRow, 'partner_kind' | 'partner_area_code' | 'partner_new_org_id' | 'partner_org_id'>): void => {
    const started = randomDate(rng, 2018, 2026);
    const ended = rng.chance(0.15) ? addDays(started, rng.int(365, 1100)) : null;
    pairings.push({
      id: pairings.length + 1,
      org_id: org.id,
      ...partner,
      started_on: started,
      ended_on: ended && ended < '2026-11-01' ? ended : null,
      content: rng.pick(CONTENTS),
    });
  };
  const villages = territory.units.filter((u) => u.level === 'village');
  const communities = territory.units.filter((u) => u.level === 'community');
  const none = { partner_area_code: null, partner_new_org_id: null, partner_org_id: null };

  // work units and bureaus pair with villages (mostly) and communities
  const helpers = orgs.filter(
    (o) => (o.kind === 'committee' && !['village', 'community'].includes(o.sector)) || (o.kind === 'general_branch' && o.sector === 'agency'),
  );
  for (const org of helpers) {
    for (let i = rng.int(1, 2); i > 0; i--) {
      const area = rng.chance(0.75) ? rng.pick(villages) : rng.pick(communities);
      pair(org, { ...none, partner_kind: 'area', partner_area_code: area.code });
    }
  }
  // urban community committees with villages
  const communityHeads = communities.map((c) => territorial.units.get(c.code) as OrgPlan).filter((o) => o.kind === 'committee');
  for (const head of rng.shuffle(communityHeads).slice(0, 15)) {
    const village = rng.pick(villages);
    pair(head, { ...none, partner_kind: 'org', partner_org_id: (territorial.units.get(village.code) as OrgPlan).id });
  }
  // agencies help uncovered new-type organizations
  const agencies = orgs.filter((o) => o.sector === 'agency' && o.kind !== 'group');
  for (const target of rng.shuffle(newOrgs.filter((n) => n.coverage_mode === null)).slice(0, 24)) {
    pair(rng.pick(agencies), { ...none, partner_kind: 'new_org', partner_new_org_id: target.id });
  }

  // a regional group in each street: the street committee leads its community committees and
  // the work units with offices there
  const regionalGroups: RegionalGroupRow[] = [];
  const regionalGroupOrgs: RegionalGroupOrgRow[] = [];
  for (const street of territory.towns.filter((t) => t.isUrban)) {
    const id = regionalGroups.length + 1;
    regionalGroups.push({ id, name: `${street.name}区域化党建联盟`, area_code: street.code });
    const lead = territorial.towns.get(street.code) as OrgPlan;
    regionalGroupOrgs.push({ group_id: id, org_id: lead.id, is_lead: true });
    const codes = new Set(street.units.map((u) => u.code));
    const members = [
      ...street.units
        .map((u) => territorial.units.get(u.code) as OrgPlan)
        .filter((o) => o.kind === 'committee')
        .slice(0, 4),
      ...[...units.committees.values()].filter((o) => codes.has(o.areaCode)),
      ...[...units.committees.values()].sort((a, b) => distance(a.at, street.center) - distance(b.at, street.center)).slice(0, 3),
    ];
    const seen = new Set<number>([lead.id]);
    for (const o of members) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      regionalGroupOrgs.push({ group_id: id, org_id: o.id, is_lead: false });
    }
  }
  return { pairings, regionalGroups, regionalGroupOrgs };
}
