import { registryColumns, type RegistryEntity } from '../contract/registry-files.ts';

/** The names a column goes by in a header besides its own: as county staff write them in Chinese. */
const aliases: Record<RegistryEntity, Record<string, string[]>> = {
  members: {
    id: ['编号', '党员编号'],
    name: ['姓名'],
    gender: ['性别'],
    birth_year: ['出生年份', '出生年'],
    org_id: ['组织编号', '所在组织编号'],
    org_name: ['所在组织', '所在党组织', '党组织'],
    lng: ['经度', 'longitude'],
    lat: ['纬度', 'latitude'],
    address: ['地址', '住址', '家庭住址'],
    phone: ['手机', '手机号', '手机号码', '联系电话'],
    skills: ['技能', '特长'],
    in_service: ['在职', '在职党员'],
    mobile: ['流动', '流动党员'],
    available: ['可调度', '可用'],
    joined_on: ['入党日期', '入党时间'],
    registration_community: ['报到社区', '双报到社区'],
  },
  orgs: {
    id: ['编号', '组织编号'],
    name: ['名称', '组织名称'],
    kind: ['类型', '组织类型'],
    sector: ['领域', '行业'],
    parent_id: ['上级组织编号'],
    parent_name: ['上级组织', '上级党组织'],
    area_code: ['区划代码', '行政区划代码'],
    secretary_name: ['书记', '书记姓名'],
    founded_on: ['成立日期', '成立时间'],
    lng: ['经度', 'longitude'],
    lat: ['纬度', 'latitude'],
    address: ['地址'],
    grid_code: ['网格编码', '网格代码'],
  },
  places: {
    id: ['编号'],
    kind: ['类型', '阵地类型'],
    name: ['名称'],
    tier: ['层级', '级别'],
    area_code: ['区划代码', '行政区划代码'],
    address: ['地址'],
    lng: ['经度', 'longitude'],
    lat: ['纬度', 'latitude'],
    opening_hours: ['开放时间'],
    services: ['服务项目', '服务'],
    contact_name: ['联系人'],
    contact_phone: ['联系电话', '电话'],
  },
};

/** Headers compare without case, surrounding space or a required-field star. */
const normal = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .replace(/[*＊]/g, '')
    .trim()
    .toLowerCase();

export type HeaderMap = {
  /** the column each position holds (undefined: a column left empty) */
  columns: Array<string | undefined>;
  /** the header's own word for each column found, for the report */
  labels: Map<string, string>;
  unknown: string[];
  repeated: string[];
};

/** Which column of `entity` each header cell names. */
export function mapHeader(entity: RegistryEntity, header: string[]): HeaderMap {
  const lookup = new Map<string, string>();
  for (const column of registryColumns[entity]) {
    lookup.set(column, column);
    for (const alias of aliases[entity][column] ?? []) lookup.set(normal(alias), column);
  }
  const labels = new Map<string, string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const columns = header.map((cell) => {
    const name = normal(cell);
    if (name === '') return undefined;
    const column = lookup.get(name);
    if (column === undefined) unknown.push(cell.trim().slice(0, 60));
    else if (labels.has(column)) repeated.push(cell.trim().slice(0, 60));
    else {
      labels.set(column, cell.trim() || column);
      return column;
    }
    return undefined;
  });
  return { columns, labels, unknown, repeated };
}
