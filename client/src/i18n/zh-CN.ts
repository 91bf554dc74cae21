/** Chinese (Simplified) UI strings: the default language and the reference shape for every other one. */
export const zhCN = {
  app: {
    name: '红网格',
    subtitle: '党建网格地图',
    title: '红网格 · 党建网格地图',
  },
  language: {
    label: '语言',
    'zh-CN': '中文',
    en: 'EN',
  },
  map: {
    label: '党建网格地图，点击地图查询位置所属网格',
  },
  locate: {
    title: '位置查询',
    hint: '点击地图上的任意位置，查询所属的乡镇、社区/村、网格和党组织。',
    loading: '正在查询…',
    point: '点击位置',
    county: '县/区',
    town: '乡镇/街道',
    community: '社区/村',
    grid: '网格',
    branch: '网格党支部',
    leader: '网格长',
    serviceCenter: '最近的党群服务中心/站',
    distance: '距离',
    none: '暂无',
    noGrid: '未划入网格',
    outsideTerritory: '该位置不在辖区内',
    networkError: '无法连接服务器，请稍后重试',
    close: '关闭',
    level: {
      community: '社区',
      village: '村',
    },
    placeKind: {
      service_center: '党群服务中心',
      service_station: '党群服务站',
    },
  },
  distance: {
    meters: '{{value}} 米',
    kilometers: '{{value}} 公里',
  },
  notFound: {
    title: '页面不存在',
    back: '返回地图',
  },
} as const;

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must fill: the same keys as zh-CN, any text. */
export type Messages = Widen<typeof zhCN>;
