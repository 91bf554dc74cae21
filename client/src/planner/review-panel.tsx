import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '../api/plans.api.ts';
import { todayInChina } from './today.ts';

export interface ReviewPanelProps {
  view: PlanView;
  busy: boolean;
  onApprove(effectiveOn: string): void;
  onReject(reason: string): void;
}

/** An admin's decision on a submitted plan: approve from a date (today by default) or reject with a reason. */
export function ReviewPanel({ view, busy, onApprove, onReject }: ReviewPanelProps) {
  const { t } = useTranslation();
  const [effectiveOn, setEffectiveOn] = useState(todayInChina);
  const [reason, setReason] = useState('');
  return (
    <section className="planner-section review-panel" data-testid="review-panel">
      <h2>{t('planner.review.title')}</h2>
      <p className="planner-muted">{t('planner.review.legend')}</p>
      {view.warnings_reason && <p className="review-note">{t('planner.review.warningsReason', { reason: view.warnings_reason })}</p>}
      <div className="review-row">
        <label className="planner-field">
          <span>{t('planner.review.effectiveOn')}</span>
          <input type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} data-testid="review-date" />
        </label>
        <button type="button" className="primary" disabled={busy || effectiveOn === ''} onClick={() => onApprove(effectiveOn)} data-testid="review-approve">
          {t('planner.review.approve')}
        </button>
      </div>
      <div className="review-row">
        <label className="planner-field">
          <span>{t('planner.review.rejectReason')}</span>
          <input value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} data-testid="review-reason" />
        </label>
        <button type="button" disabled={busy || reason.trim() === ''} onClick={() => onReject(reason.trim())} data-testid="review-reject">
          {t('planner.review.reject')}
        </button>
      </div>
    </section>
  );
}
