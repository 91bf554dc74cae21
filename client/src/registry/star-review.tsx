import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StarReview } from '../api/contract.ts';
import { reviewStars } from '../api/registry-rules.api.ts';
import { Stars } from '../dispatch/stars.tsx';
import { todayInChina } from '../planner/today.ts';
import { Link } from '../shell/link.tsx';
import { serverErrors, type FieldErrors } from './field-errors.ts';
import { FormField } from './form-field.tsx';
import { RecordSection } from './record-section.tsx';
import { registryPaths } from './registry-route.ts';

const pageSize = 20;

type Stage = { step: 'choose' } | { step: 'preview'; review: StarReview } | { step: 'confirm'; review: StarReview } | { step: 'applied'; review: StarReview };

/** The members whose stars change, a page at a time. */
function ChangeTable({ review, testId }: { review: StarReview; testId: string }) {
  const { t } = useTranslation('registry');
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(review.changes.length / pageSize));
  const shown = review.changes.slice(page * pageSize, (page + 1) * pageSize);
  if (review.changes.length === 0) return <p className="muted registry-empty">{t('review.noChanges')}</p>;
  return (
    <>
      <div className="registry-scroll">
        <table className="registry-table" data-testid={testId}>
          <thead>
            <tr>
              <th>{t('review.member')}</th>
              <th className="number">{t('review.points')}</th>
              <th>{t('review.before')}</th>
              <th>{t('review.after')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((change) => (
              <tr
                key={change.member_id}
                data-testid="review-change"
                data-member-id={change.member_id}
                data-before={change.stars_before}
                data-after={change.stars_after}
              >
                <td>
                  <Link href={registryPaths.member(change.member_id)}>{change.name}</Link>
                </td>
                <td className="number">{change.points}</td>
                <td>
                  <Stars count={change.stars_before} />
                </td>
                <td className="review-change-after">
                  <span aria-hidden="true">→ </span>
                  <Stars count={change.stars_after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="registry-pager" aria-label={t('review.pages')}>
          <button type="button" className="secondary-button" disabled={page === 0} onClick={() => setPage(0)} data-testid="review-first">
            {t('review.first')}
          </button>
          <button type="button" className="secondary-button" disabled={page === 0} onClick={() => setPage(page - 1)} data-testid="review-prev">
            {t('review.prev')}
          </button>
          <span className="muted">{t('review.page', { page: page + 1, pages })}</span>
          <button type="button" className="secondary-button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)} data-testid="review-next">
            {t('review.next')}
          </button>
          <button type="button" className="secondary-button" disabled={page + 1 >= pages} onClick={() => setPage(pages - 1)} data-testid="review-last">
            {t('review.last')}
          </button>
        </nav>
      )}
    </>
  );
}

/**
 * 评星: the stars the rule gives each current member in scope for the points earned in a year.
 * A preview first (writes nothing), then apply after a confirmation, and the result.
 */
export function StarReviewPanel() {
  const { t } = useTranslation('registry');
  const [year, setYear] = useState(todayInChina().slice(0, 4));
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const run = (apply: boolean) => {
    const value = Number(year);
    if (!/^\d{4}$/.test(year.trim()) || value < 2000 || value > 2100) {
      setErrors({ year: t('validation.year') });
      return;
    }
    setErrors({});
    setBusy(true);
    reviewStars({ year: value, apply })
      .then(
        (review) => setStage({ step: apply ? 'applied' : 'preview', review }),
        (failure: unknown) => setErrors(serverErrors(failure, t('unavailable'))),
      )
      .finally(() => setBusy(false));
  };
  const preview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run(false);
  };

  return (
    <RecordSection title={t('review.title')} testId="star-review">
      <p className="muted">{t('review.intro')}</p>
      <form className="registry-inline-form" onSubmit={preview} noValidate data-testid="review-form">
        <FormField label={t('review.year')} name="year" errors={errors}>
          <input
            value={year}
            onChange={(event) => {
              setYear(event.target.value);
              setStage({ step: 'choose' });
            }}
            inputMode="numeric"
            maxLength={4}
            data-testid="review-year"
          />
        </FormField>
        <button type="submit" className="secondary-button" disabled={busy} data-testid="review-preview">
          {t('review.preview')}
        </button>
      </form>
      {errors[''] && (
        <p className="form-error" role="alert" data-testid="review-error">
          {errors['']}
        </p>
      )}
      {stage.step !== 'choose' && (
        <div className="review-result" data-testid="review-result" data-step={stage.step} data-changes={stage.review.changes.length}>
          <p className={stage.step === 'applied' ? 'import-clean' : undefined} role="status">
            {t(stage.step === 'applied' ? 'review.appliedSummary' : 'review.previewSummary', {
              year: stage.review.year,
              reviewed: stage.review.reviewed,
              changed: stage.review.changes.length,
            })}{' '}
            {t('review.upDown', {
              up: stage.review.changes.filter((c) => c.stars_after > c.stars_before).length,
              down: stage.review.changes.filter((c) => c.stars_after < c.stars_before).length,
            })}
          </p>
          <ChangeTable review={stage.review} testId={`review-${stage.step === 'applied' ? 'applied' : 'preview'}-table`} />
          {stage.step === 'preview' && stage.review.changes.length > 0 && (
            <div className="registry-actions">
              <button type="button" className="primary-button" onClick={() => setStage({ step: 'confirm', review: stage.review })} data-testid="review-apply">
                {t('review.apply')}
              </button>
            </div>
          )}
          {stage.step === 'confirm' && (
            <div className="action-panel" role="alertdialog" aria-label={t('review.confirmTitle')} data-testid="review-confirm">
              <h3>{t('review.confirmTitle')}</h3>
              <p>{t('review.confirmText', { year: stage.review.year, changed: stage.review.changes.length })}</p>
              <div className="registry-actions">
                <button type="button" className="primary-button" disabled={busy} onClick={() => run(true)} data-testid="review-confirm-apply">
                  {t('review.confirmApply')}
                </button>
                <button type="button" className="secondary-button" onClick={() => setStage({ step: 'preview', review: stage.review })}>
                  {t('cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </RecordSection>
  );
}
