import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewOrgKind, TrackingItem } from '../api/contract.ts';
import { isAbort } from '../api/http.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { fetchTracking } from '../api/new-orgs.api.ts';
import { CoverForm } from './cover-form.tsx';

const pageSize = 50;

export interface TrackingListProps {
  /** registry.edit: the rows offer 销号 */
  canEdit: boolean;
  moveTo: (position: LngLatTuple) => void;
  /** an organization was closed as covered (the rates change) */
  onCovered: (entry: TrackingItem) => void;
}

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; entries: TrackingItem[]; nextAfter: number | null };

/**
 * 挂号: the uncovered organizations in scope, each with its town's target day; overdue ones in red.
 * Closing one as covered (销号) takes it off the list.
 */
export function TrackingList({ canEdit, moveTo, onCovered }: TrackingListProps) {
  const { t } = useTranslation('newOrgs');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [kind, setKind] = useState<NewOrgKind | ''>('');
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [closed, setClosed] = useState<string | null>(null);

  const filter = { limit: pageSize, ...(overdueOnly ? { overdue: true } : {}), ...(kind ? { kind } : {}) };
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ status: 'loading' });
    fetchTracking(filter, controller.signal).then(
      (answer) => setLoaded({ status: 'done', entries: answer.entries, nextAfter: answer.next_after }),
      (error: unknown) => {
        if (!isAbort(error)) setLoaded({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filter is made of these
  }, [overdueOnly, kind]);

  const more = () => {
    if (loaded.status !== 'done' || loaded.nextAfter === null) return;
    fetchTracking({ ...filter, after: loaded.nextAfter }).then(
      (answer) => setLoaded({ status: 'done', entries: [...loaded.entries, ...answer.entries], nextAfter: answer.next_after }),
      (error: unknown) => setLoaded({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  };
  const covered = (entry: TrackingItem) => {
    if (loaded.status === 'done') setLoaded({ ...loaded, entries: loaded.entries.filter((e) => e.id !== entry.id) });
    setClosed(entry.new_org.name);
    onCovered(entry);
  };

  return (
    <section className="panel-section new-org-tracking" data-testid="new-org-tracking" data-state={loaded.status}>
      <h3>{t('tracking.title')}</h3>
      <div className="inline-filters">
        <label className="check-field">
          <input type="checkbox" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.target.checked)} data-testid="new-org-overdue-only" />
          {t('tracking.overdueOnly')}
        </label>
        <select value={kind} onChange={(event) => setKind(event.target.value as NewOrgKind | '')} aria-label={t('record.kind')} data-testid="new-org-kind">
          <option value="">{t('tracking.allKinds')}</option>
          <option value="enterprise">{t('kind.enterprise')}</option>
          <option value="social_org">{t('kind.social_org')}</option>
        </select>
      </div>
      {closed && (
        <p className="notice" role="status" data-testid="new-org-cover-done">
          {t('cover.done', { name: closed })}
        </p>
      )}
      {loaded.status === 'loading' && <p className="muted">{t('loading')}</p>}
      {loaded.status === 'error' && (
        <p className="form-error" role="alert">
          {t('failed', { message: loaded.message })}
        </p>
      )}
      {loaded.status === 'done' && (
        <>
          <ul className="panel-list new-org-tracking-list">
            {loaded.entries.map((e) => (
              <li
                key={e.id}
                className={e.overdue ? 'new-org-tracking-row overdue' : 'new-org-tracking-row'}
                data-testid="new-org-tracking-row"
                data-id={e.new_org.id}
                data-overdue={e.overdue}
              >
                <div className="new-org-tracking-head">
                  <button type="button" className="link-button" onClick={() => moveTo(e.position)} title={t('tracking.show', { name: e.new_org.name })}>
                    {e.new_org.name}
                  </button>
                  <span className="tag">{t(`kind.${e.new_org.kind}`)}</span>
                  {e.overdue && (
                    <span className="tag overdue-tag" data-testid="new-org-overdue">
                      {t('tracking.overdue')}
                    </span>
                  )}
                </div>
                <div className="muted small">
                  {e.town_name} · {e.area_name} · {t(`status.${e.new_org.status}`)} · {t('tracking.members', { count: e.new_org.member_count })}
                </div>
                <div className="small">
                  {t('tracking.opened', { date: e.opened_on })} · {e.target_on ? t('tracking.target', { date: e.target_on }) : t('tracking.noTarget')}
                </div>
                {canEdit && <CoverForm entry={e} done={() => covered(e)} />}
              </li>
            ))}
            {loaded.entries.length === 0 && <li className="muted">{t('tracking.none')}</li>}
          </ul>
          <p className="muted small">{t('tracking.count', { count: loaded.entries.length })}</p>
          {loaded.nextAfter !== null && (
            <button type="button" className="secondary-button" onClick={more} data-testid="new-org-tracking-more">
              {t('tracking.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
