import { useTranslation } from 'react-i18next';
import { useScopeAreas } from '../admin/scope-areas.ts';
import { UsersPanel } from '../admin/users-panel.tsx';
import { WallTokensPanel } from '../admin/wall-tokens-panel.tsx';

/** `/admin` (admins): wall tokens for the command-center walls, and accounts. */
export function AdminPage() {
  const { t } = useTranslation();
  const areas = useScopeAreas();
  return (
    <main className="admin-page" data-testid="admin-page">
      <div className="admin-content">
        <header className="admin-header">
          <h1>{t('admin.title')}</h1>
          <p className="muted">{t('admin.intro')}</p>
        </header>
        <WallTokensPanel areas={areas} />
        <UsersPanel areas={areas} />
      </div>
    </main>
  );
}
