import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.tsx';

export function TopBar() {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <a className="brand" href="/">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name" data-testid="app-name">
          {t('app.name')}
        </span>
        <span className="brand-subtitle">{t('app.subtitle')}</span>
      </a>
      <LanguageSwitch />
    </header>
  );
}
