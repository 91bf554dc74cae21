import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchNewOrg } from '../api/new-orgs.api.ts';
import type { RecordViewProps } from '../one-map/one-map-tool.ts';
import { useFetched } from '../one-map/use-fetched.ts';
import { registryPaths } from '../registry/registry-route.ts';
import { Link } from '../shell/link.tsx';
import '../styles/new-orgs.css';

/** A new-type organization picked on the map or found by search: its counts, coverage and status, and its tracking entry. */
export function NewOrgRecordView({ id, onOpenPanel }: RecordViewProps) {
  const { t } = useTranslation('newOrgs');
  const state = useFetched(`new_org:${id}`, (signal) => fetchNewOrg(id, signal));
  if (state.status === 'loading') return <p className="muted">{t('loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="form-error" role="alert">
        {t('failed', { message: state.message })}
      </p>
    );
  const o = state.value;
  const fields: { label: string; value: ReactNode; testId?: string }[] = [
    { label: t('record.kind'), value: t(`kind.${o.kind}`) },
    { label: t('record.status'), value: t(`status.${o.status}`), testId: 'new-org-status' },
    ...(o.credit_code ? [{ label: t('record.creditCode'), value: <code className="code">{o.credit_code}</code> }] : []),
    { label: t('record.staff'), value: o.staff_count },
    { label: t('record.members'), value: o.member_count },
    { label: t('record.coverage'), value: o.coverage_mode ? t(`mode.${o.coverage_mode}`) : t('record.uncovered') },
    ...(o.covering_org ? [{ label: t('record.coveringOrg'), value: <Link href={registryPaths.org(o.covering_org.id)}>{o.covering_org.name}</Link> }] : []),
    ...(o.instructor_name ? [{ label: t('record.instructor'), value: o.instructor_name }] : []),
    ...(o.covered_on ? [{ label: t('record.coveredOn'), value: o.covered_on }] : []),
    ...(o.tracking
      ? [
          {
            label: t('record.tracking'),
            value: (
              <span className={o.tracking.overdue ? 'overdue-text' : undefined}>
                {t('record.trackingOpen', { date: o.tracking.opened_on, target: o.tracking.target_on ?? t('record.none') })}
                {o.tracking.overdue && ` · ${t('record.trackingOverdue')}`}
              </span>
            ),
            testId: 'new-org-tracking',
          },
        ]
      : []),
  ];
  return (
    <>
      <h3 data-testid="feature-title">{o.name}</h3>
      <p className="muted">
        {o.area_name} <code className="code">{o.area_code}</code>
      </p>
      <dl className="locate-fields">
        {fields.map((f) => (
          <div className="locate-field" key={f.label}>
            <dt>{f.label}</dt>
            <dd data-testid={f.testId}>{f.value}</dd>
          </div>
        ))}
      </dl>
      <p className="panel-actions">
        <button type="button" onClick={() => onOpenPanel('area', o.area_code)} data-testid="feature-area-panel">
          {t('record.areaPanel')}
        </button>
      </p>
    </>
  );
}
