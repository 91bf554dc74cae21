/**
 * Micro-wishes (微心愿) posted by residents of communities and villages, some claimed and
 * fulfilled by members of the local branches.
 */
import type { BuiltArea } from './buildings.ts';
import { REFERENCE_DATE, addDays, timestampAt } from './dates.ts';
import type { MemberPlan } from './members.ts';
import { personName } from './names.ts';
import type { OrgPlan } from './org-tree.ts';
import { pointGeometry } from './projection.ts';
import type { Rng } from './random.ts';
import type { Territory } from './territory.ts';
import type { TerritorialOrgs } from './territorial-orgs.ts';
import type { WishRow } from './types.ts';
import { centroidOf } from './work-units.ts';

const WISHES: readonly [string, string][] = [
  ['为独居老人安装卫生间扶手', '老人行动不便，希望在卫生间安装两处扶手。'],
  ['辅导留守儿童暑期作业', '孩子父母在外务工，希望每周有人辅导两次数学。'],
  ['需要一台二手轮椅', '家中老人腿脚不便，出门就医需要轮椅。'],
  ['帮忙修理漏水的水管', '厨房水管漏水，家中无劳动力维修。'],
  ['希望有人陪老人去医院复查', '子女不在身边，需要陪同到区人民医院复查。'],
  ['想要一套小学课外读物', '孩子喜欢看书，家里没有课外书。'],
  ['教老人使用智能手机', '想学会用手机视频通话和缴纳水电费。'],
  ['帮忙代购降压药', '每月需要到药店购买降压药，行动不便。'],
  ['更换楼道损坏的照明灯', '单元楼道灯坏了，夜间上下楼不安全。'],
  ['希望得到一床冬季棉被', '家中被褥老旧，冬天寒冷。'],
  ['帮助销售自家种植的柑橘', '今年柑橘丰收，希望帮忙联系销路。'],
  ['清理房前屋后的杂物', '老人无力清理，希望志愿者帮忙。'],
];

export function buildWishes(territory: Territory, built: BuiltArea, territorial: TerritorialOrgs, plan: MemberPlan, rng: Rng, count = 150): WishRow[] {
  const rows: WishRow[] = [];
  const branchesOf = new Map<string, OrgPlan[]>();
  for (const o of territorial.grids.values()) branchesOf.set(o.areaCode, [...(branchesOf.get(o.areaCode) ?? []), o]);
  const housesOf = new Map<string, number[]>();
  built.buildings.forEach((b, i) => {
    if (b.households > 0) housesOf.set(b.unitCode, [...(housesOf.get(b.unitCode) ?? []), i]);
  });
  const communities = territory.units.filter((u) => u.level === 'community');
  const villages = territory.units.filter((u) => u.level === 'village');
  for (let i = 0; i < count; i++) {
    const unit = rng.chance(0.7) ? rng.pick(communities) : rng.pick(villages);
    const [title, detail] = rng.pick(WISHES);
    const house = built.buildings[rng.pick(housesOf.get(unit.code) ?? [0])];
    const posted = addDays(REFERENCE_DATE, -rng.int(30, 180));
    let status = rng.weighted(['open', 'claimed', 'fulfilled', 'withdrawn'] as const, [40, 25, 30, 5]);
    const branch = rng.pick(branchesOf.get(unit.code) ?? []);
    const quota = plan.quotas[branch.id - 1] ?? 0;
    if ((status === 'claimed' || status === 'fulfilled') && quota === 0) status = 'open';
    const claimed = status === 'claimed' || status === 'fulfilled';
    const claimedDay = addDays(posted, rng.int(0, 7));
    rows.push({
      id: i + 1,
      title,
      detail,
      resident_name: personName(rng, rng.chance(0.5) ? 'male' : 'female'),
      area_code: unit.code,
      status,
      claimed_by: claimed ? (plan.firstIds[branch.id - 1] as number) + rng.int(0, quota - 1) : null,
      posted_at: timestampAt(posted, rng.int(7 * 60, 21 * 60)),
      claimed_at: claimed ? timestampAt(claimedDay, rng.int(8 * 60, 22 * 60)) : null,
      fulfilled_at: status === 'fulfilled' ? timestampAt(addDays(claimedDay, rng.int(1, 20)), rng.int(8 * 60, 20 * 60)) : null,
      geom: pointGeometry(house ? centroidOf(house.corners) : unit.center),
    });
  }
  return rows;
}
