import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../api/contract.ts';
import type { ApiError } from '../api/http.ts';
import { shortDateTime } from './format-time.ts';
import { caseKindLabel } from './labels.ts';

export interface OpenCaseListProps {
  cases: readonly CaseSummary[] | null;
  error: ApiError | null;
  onSelect: (id: number) => void;
}

/** 未结案事件, newest first; picking one opens it in the console. */
export function OpenCaseList({ cases, error, onSelect }: OpenCaseListProps) {
  const { t, i18n } = useTranslation();
  const sorted = cases ? [...cases].sort((a, b) => b.reported_at.localeCompare(a.reported_at)) : null;
  return (
    <section className="dispatch-section" data-testid="open-cases">
      <h3 className="section-title">
        {t('dispatch.openCases')}
        {sorted && <span className="count">{sorted.length}</span>}
      </h3>
      {error && (
        <p className="form-error" role="alert">
          {t('dispatch.loadFailed', { message: error.message })}
        </p>
      )}
      {!sorted && !error && <p className="muted">{t('dispatch.loading')}</p>}
      {sorted?.length === 0 && <p className="muted">{t('dispatch.noOpenCases')}</p>}
      {sorted && sorted.length > 0 && (
        <ul className="case-list">
          {sorted.map((item) => (
            <li key={item.id}>
              <button type="button" className="case-list-item" data-testid="open-case" data-case-id={item.id} onClick={() => onSelect(item.id)}>
                <span className={`severity-dot severity-${item.severity}`} title={t(`severity.${item.severity}`)} />
                <span className="case-list-main">
                  <span className="case-list-title">{item.title}</span>
                  <span className="case-list-meta">
                    {caseKindLabel(item.kind, t)} · {item.community?.name ?? item.town?.name ?? '—'} · {shortDateTime(item.reported_at, i18n.language)}
                  </span>
                </span>
                <span className={`status-tag status-${item.status}`}>{t(`caseStatus.${item.status}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
