import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../api/contract.ts';
import { shortDateTime } from './format-time.ts';
import { caseKindLabel } from './labels.ts';

export interface CaseCardProps {
  incident: CaseView;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="case-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The incident: kind, urgency, status, title, description, where it was located and when reported. */
export function CaseCard({ incident }: CaseCardProps) {
  const { t, i18n } = useTranslation();
  const none = <span className="muted">{t('dispatch.case.none')}</span>;
  return (
    <section className="dispatch-section case-card" data-testid="case-card" data-case-id={incident.id} data-case-status={incident.status}>
      <div className="case-card-tags">
        <span className="tag">{caseKindLabel(incident.kind, t)}</span>
        <span className={`severity-tag severity-${incident.severity}`}>{t(`severity.${incident.severity}`)}</span>
        <span className={`status-tag status-${incident.status}`} data-testid="case-status">
          {t(`caseStatus.${incident.status}`)}
        </span>
        <span className="case-id">#{incident.id}</span>
      </div>
      <h2 className="case-title" data-testid="case-view-title">
        {incident.title}
      </h2>
      {incident.description && <p className="case-description">{incident.description}</p>}
      <dl className="case-fields">
        <Field label={t('dispatch.case.town')}>{incident.town?.name ?? none}</Field>
        <Field label={t('dispatch.case.community')}>{incident.community?.name ?? none}</Field>
        <Field label={t('dispatch.case.grid')}>{incident.grid?.name ?? none}</Field>
        <Field label={t('dispatch.case.branch')}>{incident.branch?.name ?? none}</Field>
        <Field label={t('dispatch.case.leader')}>{incident.grid_leader ?? none}</Field>
        <Field label={incident.closed_at ? t('dispatch.case.closedAt') : t('dispatch.case.reportedAt')}>
          {shortDateTime(incident.closed_at ?? incident.reported_at, i18n.language)}
        </Field>
      </dl>
    </section>
  );
}
