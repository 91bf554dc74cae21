import { useTranslation } from 'react-i18next';
import { checkSession } from '../session/session.store.ts';

/** The page body while the session is being checked, or when it could not be (server unreachable). */
export function SessionStatus({ unavailable }: { unavailable: boolean }) {
  const { t } = useTranslation();
  if (!unavailable) {
    return (
      <main className="session-status" data-testid="session-checking">
        <p className="muted">{t('session.checking')}</p>
      </main>
    );
  }
  return (
    <main className="session-status" data-testid="session-unavailable">
      <p className="form-error" role="alert">
        {t('session.unavailable')}
      </p>
      <button type="button" className="primary-button" onClick={() => void checkSession()}>
        {t('session.retry')}
      </button>
    </main>
  );
}
