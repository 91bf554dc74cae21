import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '../api/plans.api.ts';

export interface SubmitFormProps {
  view: PlanView;
  busy: boolean;
  onSubmit(reason?: string): void;
}

/** Submit for review; a plan with warnings asks why they are acceptable. */
export function SubmitForm({ view, busy, onSubmit }: SubmitFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const warnings = view.validation.some((v) => v.severity === 'warning');
  const errors = view.validation.some((v) => v.severity === 'error');
  const missingReason = warnings && reason.trim() === '';
  return (
    <section className="planner-section submit-form" data-testid="submit-form">
      {warnings && (
        <label className="planner-field">
          <span>{t('planner.reason')}</span>
          <textarea rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="submit-reason" />
        </label>
      )}
      {missingReason && <p className="planner-muted">{t('planner.reasonNeeded')}</p>}
      <button
        type="button"
        className="primary"
        disabled={busy || missingReason || errors}
        onClick={() => onSubmit(warnings ? reason.trim() : undefined)}
        data-testid="plan-submit"
      >
        {t('planner.submit')}
      </button>
    </section>
  );
}
