import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createCase } from '../api/cases.api.ts';
import type { CaseSeverity, CaseView, CreateCaseInput } from '../api/contract.ts';
import { ApiError, networkErrorCode } from '../api/http.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { useLocate } from '../locate/use-locate.ts';
import { CasePlace } from './case-place.tsx';
import { newIdempotencyKey } from './idempotency-key.ts';
import { caseKinds, caseKindLabel, caseSeverityOrder, type CaseKind } from './labels.ts';

export interface CaseFormProps {
  /** Where the incident is (the clicked point). */
  point: LngLatTuple;
  onCreated: (created: CaseView) => void;
  onCancel: () => void;
}

const outsideTerritory = 'outside_territory';

/**
 * 登记事件: kind, title, description and urgency of an incident at a clicked point. One
 * Idempotency-Key per submission: a retry of the same content (after a lost answer) reuses it, so
 * the server never registers the incident twice; changed content is a new submission.
 */
export function CaseForm({ point, onCreated, onCancel }: CaseFormProps) {
  const { t } = useTranslation();
  // no default kind: a stray click must not become a fire
  const [kind, setKind] = useState<CaseKind | ''>('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<CaseSeverity>('high');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const { state: place, locate } = useLocate();
  useEffect(() => locate(point), [locate, point]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!kind) return;
    const body: CreateCaseInput = {
      kind,
      title: title.trim(),
      lng: Number(point[0].toFixed(6)),
      lat: Number(point[1].toFixed(6)),
      severity,
      ...(description.trim() ? { description: description.trim() } : {}),
    };
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newIdempotencyKey() };
    setSubmitting(true);
    setError(null);
    createCase(body, attempt.current.key).then(
      (created) => {
        attempt.current = null;
        onCreated(created);
      },
      (failure: unknown) => {
        setSubmitting(false);
        setError(failure instanceof ApiError ? failure : new ApiError(0, networkErrorCode, String(failure)));
      },
    );
  };

  let errorText: string | null = null;
  if (error?.code === outsideTerritory) errorText = t('dispatch.form.outsideTerritory');
  else if (error?.code === networkErrorCode) errorText = t('dispatch.form.networkError');
  else if (error) errorText = error.message;

  return (
    <form className="case-form" data-testid="case-form" onSubmit={submit}>
      <header className="panel-header">
        <h2>{t('dispatch.form.title')}</h2>
        <button type="button" className="icon-button" onClick={onCancel} aria-label={t('dispatch.form.cancel')}>
          ×
        </button>
      </header>
      <div className="case-form-body">
        <p className="locate-point">
          {t('dispatch.form.point')}: {point[0].toFixed(5)}, {point[1].toFixed(5)}
        </p>
        <CasePlace state={place} />
        <div className="form-row">
          <label className="field">
            <span>{t('dispatch.form.kind')}</span>
            <select data-testid="case-kind" value={kind} onChange={(e) => setKind(e.target.value as CaseKind)} required>
              <option value="" disabled>
                {t('dispatch.form.chooseKind')}
              </option>
              {caseKinds.map((k) => (
                <option key={k} value={k}>
                  {caseKindLabel(k, t)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('dispatch.form.severity')}</span>
            <select data-testid="case-severity" value={severity} onChange={(e) => setSeverity(e.target.value as CaseSeverity)}>
              {caseSeverityOrder.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span>{t('dispatch.form.caseTitle')}</span>
          <input
            data-testid="case-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('dispatch.form.titlePlaceholder')}
            maxLength={200}
            required
            autoFocus
          />
        </label>
        <label className="field">
          <span>{t('dispatch.form.description')}</span>
          <textarea
            data-testid="case-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder={t('dispatch.form.descriptionPlaceholder')}
            maxLength={5000}
            rows={3}
          />
        </label>
        {errorText && (
          <p className="form-error" role="alert" data-testid="case-error" data-error-code={error?.code}>
            {errorText}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary-button" data-testid="case-submit" disabled={submitting || !kind || !title.trim()}>
            {submitting ? t('dispatch.form.submitting') : t('dispatch.form.submit')}
          </button>
          <button type="button" className="secondary-button" data-testid="case-cancel" onClick={onCancel}>
            {t('dispatch.form.cancel')}
          </button>
        </div>
      </div>
    </form>
  );
}
