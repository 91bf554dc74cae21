import { useTranslation } from 'react-i18next';
import { Link } from '../shell/link.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="not-found">
      <h1>{t('notFound.title')}</h1>
      <Link href="/">{t('notFound.back')}</Link>
    </main>
  );
}
