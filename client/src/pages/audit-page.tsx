import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../api/audit.api.ts';
import { networkErrorCode } from '../api/http.ts';
import { AuditFilters } from '../audit/audit-filters.tsx';
import { AuditTable } from '../audit/audit-table.tsx';
import { useAuditLog } from '../audit/use-audit-log.ts';
import { ForbiddenPage } from './forbidden-page.tsx';

const forbidden = 'forbidden';

/** `/audit` (admins): who did what, when and from where; newest first, older pages on 加载更早. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useAuditLog(filter);

  if (log.error?.code === forbidden) return <ForbiddenPage />;

  return (
    <main className="audit-page" data-testid="audit-page" data-audit-state={log.status}>
      <div className="audit-content">
        <header className="audit-header">
          <h1>{t('audit.title')}</h1>
          <p className="muted">{t('audit.intro')}</p>
        </header>
        <AuditFilters onApply={setFilter} />
        <section className="panel audit-panel">
          <AuditTable entries={log.entries} />
          <footer className="audit-footer">
            {log.error && (
              <p className="form-error" role="alert" data-testid="audit-error">
                {log.error.code === networkErrorCode ? t('session.unavailable') : log.error.message}
              </p>
            )}
            {log.status === 'loading' && <span className="muted">{t('audit.loading')}</span>}
            {log.status === 'done' && log.entries.length === 0 && <span className="muted">{t('audit.empty')}</span>}
            {log.status !== 'loading' && log.entries.length > 0 && <span className="muted">{t('audit.shown', { n: log.entries.length })}</span>}
            {log.nextBefore !== null && (
              <button type="button" className="secondary-button" onClick={log.loadMore} disabled={log.status === 'loading'} data-testid="audit-more">
                {t('audit.loadMore')}
              </button>
            )}
            {log.status === 'done' && log.nextBefore === null && log.entries.length > 0 && <span className="muted">{t('audit.noMore')}</span>}
          </footer>
        </section>
      </div>
    </main>
  );
}
