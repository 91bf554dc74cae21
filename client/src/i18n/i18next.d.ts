import type { NewOrgsMessages } from './new-orgs.zh-CN.ts';
import type { OneMapMessages } from './one-map.zh-CN.ts';
import type { RegionalMessages } from './regional.zh-CN.ts';
import type { RegistryMessages } from './registry.zh-CN.ts';
import type { Messages } from './zh-CN.ts';
import type { BeltsMessages } from './belts.zh-CN.ts';
import type { WishesMessages } from './wishes.zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: Messages;
      registry: RegistryMessages;
      oneMap: OneMapMessages;
      belts: BeltsMessages;
      newOrgs: NewOrgsMessages;
      regional: RegionalMessages;
      wishes: WishesMessages;
    };
  }
}
