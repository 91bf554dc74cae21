import { useTranslation } from 'react-i18next';
import { Link } from '../shell/link.tsx';

/** What a signed-in user sees on a page their roles do not open (the server refuses the data too). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <main className="not-found" data-testid="forbidden">
      <h1>{t('forbidden.title')}</h1>
      <p className="muted">{t('forbidden.body')}</p>
      <Link href="/">{t('forbidden.back')}</Link>
    </main>
  );
}
