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
  forbidden: {
    title: '无权访问',
    body: '当前账号没有查看此页面的权限。',
    back: '返回地图',
  },
  session: {
    checking: '正在验证登录状态…',
    unavailable: '无法连接服务器，请稍后重试',
    retry: '重试',
  },
  signIn: {
    title: '登录',
    intro: '请使用分配给您的账号登录。',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    invalidCredentials: '用户名或密码错误',
    tooManyAttempts: '尝试次数过多，请 {{seconds}} 秒后再试',
    networkError: '无法连接服务器，请稍后重试',
  },
  nav: {
    label: '主导航',
    map: '地图',
    audit: '审计日志',
  },
  user: {
    roles: '角色',
    grant: '{{role}} · {{scope}}',
    signOut: '退出登录',
    signOutFailed: '退出失败，请重试',
  },
  role: {
    admin: '管理员',
    planner: '网格规划员',
    dispatcher: '应急调度员',
    secretary: '组织书记',
    wall: '大屏',
  },
  audit: {
    title: '审计日志',
    intro: '登录、查看党员精确位置、创建账号和大屏令牌等操作的记录，最新的在前。',
    filters: '筛选条件',
    user: '用户 ID',
    userPlaceholder: '全部用户',
    action: '操作',
    allActions: '全部操作',
    from: '开始时间',
    to: '结束时间',
    apply: '查询',
    reset: '重置',
    column: {
      at: '时间',
      user: '用户',
      action: '操作',
      target: '对象',
      scope: '范围',
      ip: 'IP',
    },
    noUser: '（未识别用户）',
    moreTargets: '等，共 {{total}} 个',
    loading: '正在加载…',
    empty: '没有符合条件的记录',
    loadMore: '加载更早',
    noMore: '没有更早的记录',
    shown: '已显示 {{n}} 条',
    actions: {
      auth: {
        sign_in: '登录',
        sign_in_failed: '登录失败',
        sign_out: '退出登录',
      },
      member: {
        read_exact: '查看党员精确位置',
      },
      user: {
        create: '创建用户',
      },
      wall_token: {
        create: '创建大屏令牌',
        revoke: '吊销大屏令牌',
      },
    },
    targetKind: {
      member: '党员',
      user: '用户',
      wall_token: '大屏令牌',
    },
  },
} as const;

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must fill: the same keys as zh-CN, any text. */
export type Messages = Widen<typeof zhCN>;
