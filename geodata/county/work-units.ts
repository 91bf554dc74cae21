/**
 * Organizations of work units (单位): agencies, schools, hospitals, state and large private
 * enterprises, industrial parks, and the two comprehensive committees for non-public enterprises
 * and social organizations. Their branches fill the county's branch count (see fillBranches).
 */
import type { BuiltArea } from './buildings.ts';
import { randomDate } from './dates.ts';
import { distance, type XY } from './geometry.ts';
import type { GridPlan } from './grids.ts';
import type { HomeIndex } from './homes.ts';
import { chineseNumeral } from './names.ts';
import type { OrgTree, OrgPlan } from './org-tree.ts';
import { apportion, type Rng } from './random.ts';
import type { Territory } from './territory.ts';
import type { TerritorialOrgs } from './territorial-orgs.ts';
import type { OrgSector } from './types.ts';

/** A place to put an office: a point, the community/village it lies in. */
export interface Site {
  at: XY;
  areaCode: string;
}

interface UnitSpec {
  name: string;
  sector: OrgSector;
  /** Where the office is: the city core or a dedicated grid. */
  site: string;
  /** Departments, each a branch (…党支部), used in order before numbered ones. */
  departments: readonly string[];
  /** Relative share of the filler branches. */
  share: number;
}

const SCHOOL_DEPARTMENTS = ['高一年级', '高二年级', '高三年级', '初一年级', '初二年级', '初三年级', '行政后勤', '离退休教职工'];
const HOSPITAL_DEPARTMENTS = ['内科', '外科', '医技', '护理', '妇产科', '儿科', '急诊科', '药剂科', '行政后勤', '离退休'];
const FIRM_DEPARTMENTS = ['生产一车间', '生产二车间', '生产三车间', '技术研发', '市场营销', '物流运输', '质量安全', '综合管理', '离退休'];

const UNITS: readonly UnitSpec[] = [
  { name: '区直属机关工作委员会', sector: 'agency', site: 'core', departments: [], share: 0 },
  {
    name: '区公安分局',
    sector: 'agency',
    site: 'core',
    departments: ['机关', '治安管理大队', '刑事侦查大队', '交通警察大队', '巡特警大队', '看守所', '离退休'],
    share: 4,
  },
  { name: '区税务局', sector: 'agency', site: 'core', departments: ['机关', '第一税务所', '第二税务所', '第三税务所', '征收管理股', '离退休'], share: 2 },
  { name: '区交通运输局', sector: 'agency', site: 'core', departments: ['机关', '运输管理所', '公路养护段', '综合执法大队', '离退休'], share: 1.5 },
  { name: '区住房和城乡建设局', sector: 'agency', site: 'core', departments: ['机关', '建设工程质量安全站', '房地产服务中心', '离退休'], share: 1.5 },
  { name: '区城市管理局', sector: 'agency', site: 'core', departments: ['机关', '环境卫生管理所', '综合执法大队', '园林绿化所', '离退休'], share: 2 },
  { name: '区市场监督管理局', sector: 'agency', site: 'core', departments: ['机关', '稽查大队', '食品安全股', '离退休'], share: 2 },
  { name: '区农业农村局', sector: 'agency', site: 'core', departments: ['机关', '农业技术推广站', '畜牧兽医站', '农村经营管理站', '离退休'], share: 2 },
  { name: '区应急管理局', sector: 'agency', site: 'core', departments: ['机关', '综合应急救援大队', '离退休'], share: 1 },
  { name: '区教育和体育局', sector: 'school', site: 'core', departments: ['机关', '教师发展中心', '离退休'], share: 16 },
  { name: '区第一中学', sector: 'school', site: 'core', departments: SCHOOL_DEPARTMENTS, share: 2 },
  { name: '区第二中学', sector: 'school', site: 'core', departments: SCHOOL_DEPARTMENTS, share: 2 },
  { name: '区实验中学', sector: 'school', site: 'core', departments: SCHOOL_DEPARTMENTS, share: 2 },
  {
    name: '区职业中专学校',
    sector: 'school',
    site: 'core',
    departments: ['机电专业部', '财经专业部', '信息技术专业部', '行政后勤', '离退休教职工'],
    share: 1.5,
  },
  { name: '区实验小学', sector: 'school', site: 'core', departments: ['低段年级', '中段年级', '高段年级', '行政后勤', '离退休教职工'], share: 1.5 },
  { name: '区卫生健康局', sector: 'hospital', site: 'core', departments: ['机关', '疾病预防控制中心', '卫生监督执法大队', '离退休'], share: 8 },
  { name: '区人民医院', sector: 'hospital', site: '区人民医院', departments: HOSPITAL_DEPARTMENTS, share: 3 },
  { name: '区中医医院', sector: 'hospital', site: '区中医医院', departments: HOSPITAL_DEPARTMENTS, share: 2.5 },
  { name: '区妇幼保健院', sector: 'hospital', site: 'core', departments: ['保健部', '临床部', '行政后勤', '离退休'], share: 1.5 },
  { name: '区非公有制经济组织综合', sector: 'enterprise', site: 'core', departments: [], share: 0 },
  { name: '区国有资产投资集团', sector: 'enterprise', site: 'core', departments: FIRM_DEPARTMENTS, share: 2 },
  { name: '涪城城市建设投资集团', sector: 'enterprise', site: 'core', departments: FIRM_DEPARTMENTS, share: 2 },
  { name: '涪城水务集团', sector: 'enterprise', site: 'core', departments: ['制水一厂', '制水二厂', '管网维护', '客户服务', '综合管理', '离退休'], share: 1.5 },
  { name: '三江电子科技集团', sector: 'enterprise', site: '涪城工业园区', departments: FIRM_DEPARTMENTS, share: 2 },
  { name: '绵州食品集团', sector: 'enterprise', site: '高端制造产业园', departments: FIRM_DEPARTMENTS, share: 1.5 },
  {
    name: '涪城交通运输集团',
    sector: 'enterprise',
    site: '现代物流园',
    departments: ['公交一公司', '公交二公司', '客运站', '维修保障', '综合管理', '离退休'],
    share: 1.5,
  },
  { name: '涪城工业园区', sector: 'industrial_park', site: '涪城工业园区', departments: ['管委会机关', '企业服务中心'], share: 0.6 },
  { name: '高端制造产业园', sector: 'industrial_park', site: '高端制造产业园', departments: ['管委会机关', '企业服务中心'], share: 0.6 },
  { name: '现代物流园', sector: 'industrial_park', site: '现代物流园', departments: ['管委会机关', '企业服务中心'], share: 0.6 },
  { name: '区社会组织综合', sector: 'social_org', site: 'core', departments: [], share: 0 },
];

/** Committees of work units (the rest of the county's 80 are territorial). */
export const WORK_UNIT_COMMITTEES = UNITS.length;

/** Bureaus under the agencies' working committee, each a general branch (党总支). */
const BUREAUS = [
  '区委办公室',
  '区政府办公室',
  '区发展和改革局',
  '区财政局',
  '区人力资源和社会保障局',
  '区民政局',
  '区司法局',
  '区审计局',
  '区统计局',
  '区商务局',
  '区退役军人事务局',
  '区医疗保障局',
  '区自然资源局',
  '区水利局',
  '区文化广播电视和旅游局',
  '区人民法院',
  '区人民检察院',
  '区总工会',
  '团区委',
  '区妇联',
];

/** Names and sites of branches a filler parent can spawn, in order. */
interface FillerParent {
  org: OrgPlan;
  /** Sector of the branches (a town committee's own branches are agency branches). */
  sector: OrgSector;
  share: number;
  names: { name: string; site: Site }[];
  generic: (n: number) => string;
  memberWeight: [number, number];
}

export interface WorkUnits {
  committees: Map<string, OrgPlan>;
  /** 区非公有制经济组织综合党委 and 区社会组织综合党委. */
  nonPublic: OrgPlan;
  socialOrgs: OrgPlan;
  /** Industrial park committees by park name. */
  parks: Map<string, OrgPlan>;
  fillers: FillerParent[];
  /** Offices in the city core. */
  coreSite: (rng: Rng) => Site;
}

/** The centroid of a random building near the city center (an office). */
export function coreSites(territory: Territory, built: BuiltArea): (rng: Rng) => Site {
  const central = territory.units
    .filter((u) => u.level === 'community')
    .sort((a, b) => distance(a.center, territory.center) - distance(b.center, territory.center))
    .slice(0, 18)
    .map((u) => u.code);
  const pool = built.buildings.filter((b) => central.includes(b.unitCode));
  return (rng) => {
    const b = rng.pick(pool);
    return { at: centroidOf(b.corners), areaCode: b.unitCode };
  };
}

export function centroidOf(corners: readonly XY[]): XY {
  return [corners.reduce((s, c) => s + c[0], 0) / corners.length, corners.reduce((s, c) => s + c[1], 0) / corners.length];
}

function dedicatedSite(grids: readonly GridPlan[], built: BuiltArea, label: string): Site {
  const index = grids.findIndex((g) => g.dedicatedTo === label);
  const grid = grids[index] as GridPlan;
  const work = (built.byGrid[index] ?? []).map((i) => built.buildings[i]).find((b) => b && b.households === 0);
  return { at: work ? centroidOf(work.corners) : grid.seed, areaCode: grid.unit.code };
}

export function addWorkUnits(
  tree: OrgTree,
  territory: Territory,
  grids: readonly GridPlan[],
  built: BuiltArea,
  territorial: TerritorialOrgs,
  rng: Rng,
): WorkUnits {
  const coreSite = coreSites(territory, built);
  const committees = new Map<string, OrgPlan>();
  const parks = new Map<string, OrgPlan>();
  const fillers: FillerParent[] = [];
  const parentOf: Record<string, string> = {
    区公安分局: '区直属机关工作委员会',
    区税务局: '区直属机关工作委员会',
    区交通运输局: '区直属机关工作委员会',
    区住房和城乡建设局: '区直属机关工作委员会',
    区城市管理局: '区直属机关工作委员会',
    区市场监督管理局: '区直属机关工作委员会',
    区农业农村局: '区直属机关工作委员会',
    区应急管理局: '区直属机关工作委员会',
    区第一中学: '区教育和体育局',
    区第二中学: '区教育和体育局',
    区实验中学: '区教育和体育局',
    区职业中专学校: '区教育和体育局',
    区实验小学: '区教育和体育局',
    区人民医院: '区卫生健康局',
    区中医医院: '区卫生健康局',
    区妇幼保健院: '区卫生健康局',
  };
  const weightFor = (sector: OrgSector): [number, number] =>
    sector === 'hospital' ? [18, 40] : sector === 'school' ? [14, 34] : sector === 'enterprise' ? [14, 36] : [10, 28];

  for (const unit of UNITS) {
    const site = unit.site === 'core' ? coreSite(rng) : dedicatedSite(grids, built, unit.site);
    const parent = parentOf[unit.name];
    const name = unit.name === '区直属机关工作委员会' ? '区直属机关工作委员会' : `${unit.name}党委`;
    const org = tree.add({
      name,
      kind: 'committee',
      sector: unit.sector,
      parentId: parent ? (committees.get(parent) as OrgPlan).id : null,
      areaCode: site.areaCode,
      at: site.at,
      foundedOn: randomDate(rng, 1956, 2012),
      weight: 0,
      homes: [],
    });
    committees.set(unit.name, org);
    if (unit.sector === 'industrial_park') parks.set(unit.name, org);
    if (unit.share > 0) {
      const near = (s: Site): Site => ({ at: [s.at[0] + rng.uniform(-60, 60), s.at[1] + rng.uniform(-60, 60)], areaCode: s.areaCode });
      fillers.push({
        org,
        sector: unit.sector,
        share: unit.share,
        memberWeight: weightFor(unit.sector),
        names: unit.departments.map((d) => ({ name: `${unit.name}${d}党支部`, site: near(site) })),
        generic: (n) => `${unit.name}第${chineseNumeral(n)}党支部`,
      });
    }
  }

  // schools and clinics across the towns, under the education and health bureaus
  const education = committees.get('区教育和体育局') as OrgPlan;
  const health = committees.get('区卫生健康局') as OrgPlan;
  const schoolNames: { name: string; site: Site }[] = [];
  const clinicNames: { name: string; site: Site }[] = [];
  for (const town of territory.towns) {
    const short = town.name.slice(0, 2);
    const units = town.units;
    const at = (k: number): Site => {
      const u = units[k % units.length];
      return u ? { at: u.center, areaCode: u.code } : { at: town.center, areaCode: town.code };
    };
    schoolNames.push(
      { name: `${short}${town.isUrban ? '街道' : '镇'}中心小学党支部`, site: at(0) },
      { name: `${short}初级中学党支部`, site: at(1) },
      { name: `${short}中心幼儿园党支部`, site: at(2) },
    );
    clinicNames.push({ name: town.isUrban ? `${short}街道社区卫生服务中心党支部` : `${town.name}卫生院党支部`, site: at(3) });
    units.forEach((u, k) => {
      if (u.level === 'community' && k % 2 === 0)
        schoolNames.push({ name: `${u.name.replace('社区', '')}小学党支部`, site: { at: u.center, areaCode: u.code } });
      if (u.level === 'community' && k % 3 === 1) clinicNames.push({ name: `${u.name}卫生服务站党支部`, site: { at: u.center, areaCode: u.code } });
      if (u.level === 'village' && k % 4 === 0) schoolNames.push({ name: `${u.name.replace('村', '')}村小学党支部`, site: { at: u.center, areaCode: u.code } });
    });
  }
  const educationFiller = fillers.find((f) => f.org === education) as FillerParent;
  educationFiller.names.push(...schoolNames);
  const healthFiller = fillers.find((f) => f.org === health) as FillerParent;
  healthFiller.names.push(...clinicNames);

  // bureaus: general branches under the agencies' working committee
  const works = committees.get('区直属机关工作委员会') as OrgPlan;
  for (const bureau of BUREAUS) {
    const site = coreSite(rng);
    const org = tree.add({
      name: `${bureau}机关党总支`,
      kind: 'general_branch',
      sector: 'agency',
      parentId: works.id,
      areaCode: site.areaCode,
      at: site.at,
      foundedOn: randomDate(rng, 1960, 2015),
      weight: 0,
      homes: [],
    });
    fillers.push({
      org,
      sector: 'agency',
      share: 1.2,
      memberWeight: [10, 26],
      names: ['机关第一', '机关第二', '机关第三', '离退休干部'].map((d) => ({ name: `${bureau}${d}党支部`, site })),
      generic: (n) => `${bureau}第${chineseNumeral(n)}党支部`,
    });
  }

  // town and street governments' own branches
  for (const town of territory.towns) {
    const org = territorial.towns.get(town.code) as OrgPlan;
    const site: Site = { at: town.center, areaCode: town.code };
    fillers.push({
      org,
      sector: 'agency',
      share: 0.9,
      memberWeight: [10, 24],
      names: ['机关第一', '机关第二', '综合执法', '便民服务中心', '离退休干部'].map((d) => ({ name: `${town.name}${d}党支部`, site })),
      generic: (n) => `${town.name}机关第${chineseNumeral(n)}党支部`,
    });
  }

  return {
    committees,
    nonPublic: committees.get('区非公有制经济组织综合') as OrgPlan,
    socialOrgs: committees.get('区社会组织综合') as OrgPlan,
    parks,
    fillers,
    coreSite,
  };
}

/**
 * Adds work-unit branches until the county has exactly `target` branches, shared among the
 * filler parents by their share. Branch members live near the office, in service unless retired.
 */
export function fillBranches(tree: OrgTree, units: WorkUnits, homes: HomeIndex, target: number, rng: Rng): void {
  const missing = target - tree.count('branch');
  if (missing < 0) throw new Error(`already ${tree.count('branch')} branches, more than ${target}`);
  const counts = apportion(
    missing,
    units.fillers.map((f) => f.share),
  );
  units.fillers.forEach((filler, i) => {
    const sector = filler.sector;
    for (let n = 0; n < (counts[i] as number); n++) {
      const named = filler.names[n];
      const name = named?.name ?? filler.generic(n + 1);
      const site = named?.site ?? { at: filler.org.at, areaCode: filler.org.areaCode };
      const retirees = name.includes('离退休');
      tree.add({
        name,
        kind: 'branch',
        sector,
        parentId: filler.org.id,
        areaCode: site.areaCode,
        at: site.at,
        foundedOn: randomDate(rng, 1978, 2024),
        weight: rng.uniform(...filler.memberWeight),
        homes: homes.near(site.at, 4),
        inService: !retirees,
        retirees,
      });
    }
  });
}
