import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { newOrgsEn } from './new-orgs.en.ts';
import { newOrgsZhCN } from './new-orgs.zh-CN.ts';
import { oneMapEn } from './one-map.en.ts';
import { oneMapZhCN } from './one-map.zh-CN.ts';
import { regionalEn } from './regional.en.ts';
import { regionalZhCN } from './regional.zh-CN.ts';
import { registryEn } from './registry.en.ts';
import { registryZhCN } from './registry.zh-CN.ts';
import { zhCN } from './zh-CN.ts';
import { beltsEn } from './belts.en.ts';
import { beltsZhCN } from './belts.zh-CN.ts';
import { wishesEn } from './wishes.en.ts';
import { wishesZhCN } from './wishes.zh-CN.ts';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

const storageKey = 'redgrid.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** `?lang=en` wins, then the last choice made on this browser, then Chinese. */
function initialLanguage(): Language {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(fromQuery)) return fromQuery;
  try {
    const stored = window.localStorage.getItem(storageKey);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage can be disabled; the default is fine then
  }
  return defaultLanguage;
}

function rememberLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // not remembering is acceptable
  }
}

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', rememberLanguage);
  await i18next.use(initReactI18next).init({
    lng: initialLanguage(),
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    ns: ['translation', 'registry', 'oneMap', 'belts', 'newOrgs', 'regional', 'wishes'],
    defaultNS: 'translation',
    resources: {
      'zh-CN': {
        translation: zhCN,
        registry: registryZhCN,
        oneMap: oneMapZhCN,
        belts: beltsZhCN,
        newOrgs: newOrgsZhCN,
        regional: regionalZhCN,
        wishes: wishesZhCN,
      },
      en: { translation: en, registry: registryEn, oneMap: oneMapEn, belts: beltsEn, newOrgs: newOrgsEn, regional: regionalEn, wishes: wishesEn },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}
