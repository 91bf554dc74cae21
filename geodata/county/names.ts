/**
 * Chinese names for people, places and units. Pools are plausible for Mianyang but synthetic:
 * no generated name refers to a real person or organization.
 */
import { cumulativeWeights, drawIndex, type Rng } from './random.ts';

/** Common surnames with rough relative frequencies (Sichuan skews to 李, 王, 张, 刘, 陈, 杨). */
const SURNAMES: readonly [string, number][] = [
  ['李', 90],
  ['王', 80],
  ['张', 75],
  ['刘', 65],
  ['陈', 60],
  ['杨', 50],
  ['黄', 30],
  ['赵', 28],
  ['周', 26],
  ['吴', 24],
  ['徐', 20],
  ['孙', 16],
  ['胡', 18],
  ['朱', 16],
  ['高', 15],
  ['林', 12],
  ['何', 20],
  ['郭', 14],
  ['马', 13],
  ['罗', 20],
  ['梁', 10],
  ['宋', 10],
  ['郑', 10],
  ['谢', 12],
  ['韩', 8],
  ['唐', 14],
  ['冯', 9],
  ['邓', 14],
  ['曹', 8],
  ['彭', 10],
  ['曾', 10],
  ['肖', 10],
  ['田', 8],
  ['董', 7],
  ['袁', 8],
  ['潘', 6],
  ['蒋', 9],
  ['蔡', 6],
  ['余', 9],
  ['杜', 8],
  ['叶', 6],
  ['程', 6],
  ['苏', 6],
  ['魏', 6],
  ['吕', 5],
  ['丁', 5],
  ['任', 7],
  ['沈', 4],
  ['姚', 5],
  ['卢', 5],
  ['姜', 4],
  ['钟', 6],
  ['谭', 6],
  ['陆', 4],
  ['汪', 4],
  ['范', 5],
  ['石', 5],
  ['廖', 7],
  ['贾', 4],
  ['夏', 4],
  ['付', 6],
  ['方', 4],
  ['邹', 5],
  ['熊', 5],
  ['秦', 4],
  ['江', 5],
  ['尹', 4],
  ['雷', 5],
  ['侯', 4],
  ['龙', 4],
  ['黎', 4],
  ['毛', 4],
  ['文', 5],
  ['兰', 3],
  ['敬', 3],
  ['蒲', 3],
];
const SURNAME_LIST = SURNAMES.map(([s]) => s);
const SURNAME_CUMULATIVE = cumulativeWeights(SURNAMES.map(([, w]) => w));

const MALE_GIVEN = [...'伟强军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩磊建国志林峰成康兵东文俊海江洪德旭晨良荣毅兴坤'];
const FEMALE_GIVEN = [...'芳娟敏静丽艳霞燕玲红英梅秀兰琴桂萍婷慧颖倩雪洁琳蓉佳晶春莉淑玉凤珍娜瑶'];
const NEUTRAL_GIVEN = [...'小家永长天子一中正思远世新光明晓立宏金云'];

export type Gender = 'male' | 'female';

/** A realistic full name: surname plus one or two given-name characters. */
export function personName(rng: Rng, gender: Gender): string {
  const surname = SURNAME_LIST[drawIndex(rng, SURNAME_CUMULATIVE)] as string;
  const own = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
  if (rng.chance(0.3)) return surname + rng.pick(own);
  const first = rng.chance(0.4) ? rng.pick(NEUTRAL_GIVEN) : rng.pick(own);
  return surname + first + rng.pick(own);
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '173',
  '177',
  '180',
  '181',
  '182',
  '183',
  '187',
  '189',
  '191',
  '198',
  '199',
];

/** An 11-digit mainland mobile number (matches ^1[3-9][0-9]{9}$). */
export function phoneNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99999999)).padStart(8, '0');
}

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Chinese numeral for 1..99 (一, 十二, 二十三). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n] as string;
  if (n < 20) return '十' + (n % 10 === 0 ? '' : NUMERALS[n % 10]);
  const tens = NUMERALS[Math.floor(n / 10)] as string;
  return tens + '十' + (n % 10 === 0 ? '' : NUMERALS[n % 10]);
}

/** Urban streets (街道) of the synthetic core, then rural towns (镇). */
export const STREET_NAMES = ['城厢街道', '工区街道', '朝阳街道', '城郊街道', '石塘街道'];
export const TOWN_NAMES = ['青义镇', '丰谷镇', '杨家镇', '龙门镇', '关帝镇', '吴家镇', '玉皇镇', '金峰镇'];

const COMMUNITY_NAMES = [
  '临园',
  '东津',
  '西山',
  '涪江',
  '芙蓉',
  '长兴',
  '紫荆',
  '园艺',
  '跃进',
  '红星',
  '南湖',
  '安昌',
  '北街',
  '高水',
  '铁牛',
  '南河',
  '五里堆',
  '御营',
  '花园',
  '青龙',
  '警钟',
  '塘汛',
  '滨江',
  '文昌',
  '迎宾',
  '富乐',
  '南塔',
  '火炬',
  '科创',
  '九洲',
  '东街',
  '西街',
  '兴隆',
  '和平',
  '胜利',
  '建设',
  '新华',
  '光明',
  '锦江',
  '桃园',
  '金桂',
  '翠屏',
  '凤凰',
  '龙泉',
  '碧水',
  '春晖',
  '朝阳',
  '石塘',
  '工农',
  '育才',
  '马家巷',
  '半边街',
  '平政',
  '小枧',
  '沈家坝',
  '高新',
];

/** `count` distinct community names (…社区). */
export function communityNames(rng: Rng, count: number): string[] {
  if (count > COMMUNITY_NAMES.length) throw new Error(`only ${COMMUNITY_NAMES.length} community names`);
  return rng
    .shuffle(COMMUNITY_NAMES)
    .slice(0, count)
    .map((n) => `${n}社区`);
}

const VILLAGE_HEADS = [...'青红双三石金高龙桂柏白马新凤黄杨莲梨古明兴永安太和福长大小东西南北团清松竹桃柳'];
const VILLAGE_TAILS = ['河', '坪', '桥', '山', '湾', '林', '溪', '岩', '沟', '坝', '垭', '塘', '堰', '庙', '寺', '铺', '田', '岭', '包', '院'];

/** `count` distinct two-character village names (…村). */
export function villageNames(rng: Rng, count: number): string[] {
  const all: string[] = [];
  for (const h of VILLAGE_HEADS) for (const t of VILLAGE_TAILS) all.push(h + t);
  return rng
    .shuffle(all)
    .slice(0, count)
    .map((n) => `${n}村`);
}

const COMPOUND_HEADS = [
  '金桂',
  '锦绣',
  '阳光',
  '翠竹',
  '滨江',
  '御景',
  '书香',
  '天誉',
  '东方',
  '凯旋',
  '紫荆',
  '盛世',
  '南湖',
  '碧水',
  '学府',
  '香榭',
  '富临',
  '兴业',
  '长虹',
  '九洲',
  '恒大',
  '蓝湾',
  '绿洲',
  '和风',
  '幸福',
  '嘉禾',
  '万象',
  '华府',
  '美景',
  '瑞城',
];
const COMPOUND_TAILS = ['花园', '小区', '苑', '家园', '雅居', '名城', '公馆', '新村', '华庭', '府'];

/** Distinct compound (小区) names in random order (300 of them). */
export function compoundNames(rng: Rng): string[] {
  return rng.shuffle(COMPOUND_HEADS.flatMap((h) => COMPOUND_TAILS.map((t) => h + t)));
}

const ROAD_HEADS = [
  '临园',
  '绵兴',
  '剑南',
  '长虹',
  '剑门',
  '御营',
  '安昌',
  '东津',
  '西山',
  '南河',
  '红星',
  '火炬',
  '跃进',
  '公园',
  '滨江',
  '花园',
  '警钟',
  '铁牛',
  '临江',
  '塘汛',
  '科创',
  '涪滨',
  '芙蓉',
  '文昌',
  '迎宾',
  '五里堆',
  '高水',
  '园艺',
  '南塔',
  '机场',
  '九洲',
  '富乐',
  '兴隆',
  '仙鹤',
  '金家林',
  '沈家坝',
  '青龙',
  '凤凰',
  '石桥',
  '永兴',
  '建设',
  '人民',
  '解放',
  '胜利',
  '和平',
  '朝阳',
  '鼓楼',
  '盐亭',
  '三台',
  '游仙',
  '梓潼',
  '江油',
  '创业',
  '新华',
  '红岩',
  '长兴',
];

/** A pool of distinct road-name stems in random order. */
export function roadNames(rng: Rng): string[] {
  return rng.shuffle(ROAD_HEADS);
}

const FIRM_WORDS = [
  '华信',
  '长兴',
  '恒通',
  '瑞丰',
  '鑫源',
  '宏达',
  '天成',
  '九鼎',
  '嘉诚',
  '蜀通',
  '永安',
  '明远',
  '金盛',
  '新锐',
  '汇丰',
  '博远',
  '中联',
  '正泰',
  '科华',
  '富民',
  '绵州',
  '涪江',
  '川西',
  '蜀星',
  '锦程',
  '聚源',
  '远航',
  '德隆',
  '晨光',
  '兴达',
  '安泰',
  '润泽',
];
const FIRM_TRADES = [
  '电子科技',
  '机械制造',
  '食品',
  '建材',
  '物流',
  '商贸',
  '信息技术',
  '包装材料',
  '汽车配件',
  '农业开发',
  '医疗器械',
  '新材料',
  '环保科技',
  '餐饮管理',
  '物业服务',
  '建筑工程',
  '文化传媒',
  '服装',
  '家具',
  '生物科技',
];
const FIRM_FORMS = ['有限公司', '有限责任公司', '股份有限公司'];

/** A non-public enterprise name (…有限公司). */
export function enterpriseName(rng: Rng): string {
  return `绵阳${rng.pick(FIRM_WORDS)}${rng.pick(FIRM_TRADES)}${rng.pick(FIRM_FORMS)}`;
}

const SOCIAL_KINDS = [
  '社会工作服务中心',
  '志愿服务协会',
  '养老服务中心',
  '商会',
  '行业协会',
  '文化艺术协会',
  '体育协会',
  '心理咨询服务中心',
  '家庭教育促进会',
  '慈善会',
  '老年协会',
  '青少年服务中心',
  '残疾人服务中心',
  '律师协会',
  '个体劳动者协会',
];
const SOCIAL_HEADS = ['涪城', '绵州', '涪江', '和美', '同心', '阳光', '启航', '暖心', '博爱', '彩虹', '仁爱', '春晖', '朝阳', '益民', '邻里', '善行'];

/** A social organization name (…协会, …服务中心). */
export function socialOrgName(rng: Rng): string {
  return `涪城区${rng.pick(SOCIAL_HEADS)}${rng.pick(SOCIAL_KINDS)}`;
}

/** Makes names unique by appending （二）, （三）… to repeats. */
export function uniqueNamer(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}（${chineseNumeral(n)}）`;
  };
}
