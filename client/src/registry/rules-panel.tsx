import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import type { RegistryRules } from '../api/contract.ts';
import { fetchRules, saveRules } from '../api/registry-rules.api.ts';
import { serverErrorsByPath, type FieldErrors } from './field-errors.ts';
import { FormField } from './form-field.tsx';
import { RecordSection } from './record-section.tsx';

const ruleKinds = ['activity', 'service', 'wish', 'dispatch_answered', 'dispatch_arrived'] as const;
type RuleKind = (typeof ruleKinds)[number];

interface Draft {
  points: Record<RuleKind, string>;
  /** the minimum points of 1★, 2★ … in order */
  stars: string[];
}

const draftOf = (rules: RegistryRules): Draft => ({
  points: Object.fromEntries(ruleKinds.map((k) => [k, String(rules.points[k])])) as Record<RuleKind, string>,
  stars: [...rules.stars].sort((a, b) => a.stars - b.stars).map((row) => String(row.min_points)),
});

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/** The problems a draft has before it is sent, keyed as the server's details are (`points.wish`, `stars.2.min_points`). */
function checkDraft(
  draft: Draft,
  t: (key: 'validation.pointsRange' | 'validation.firstStar' | 'validation.moreStars' | 'validation.minPoints') => string,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const kind of ruleKinds) {
    const n = whole(draft.points[kind]);
    if (n === null || n < 1 || n > 1000) errors[`points.${kind}`] = t('validation.pointsRange');
  }
  draft.stars.forEach((text, i) => {
    const n = whole(text);
    if (n === null || n > 100_000) errors[`stars.${i}.min_points`] = t('validation.minPoints');
    else if (i === 0 && n !== 0) errors['stars.0.min_points'] = t('validation.firstStar');
    else if (i > 0 && n <= (whole(draft.stars[i - 1] ?? '') ?? -1)) errors[`stars.${i}.min_points`] = t('validation.moreStars');
  });
  return errors;
}

const bodyOf = (draft: Draft): RegistryRules => ({
  points: Object.fromEntries(ruleKinds.map((k) => [k, Number(draft.points[k])])) as RegistryRules['points'],
  stars: draft.stars.map((text, i) => ({ stars: i + 1, min_points: Number(text) })),
});

/** 积分与星级规则: read-only for secretaries; admins (registry.rules) change both rules together. */
export function RulesPanel({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation('registry');
  const loaded = useLoaded(useCallback((signal: AbortSignal) => fetchRules(signal), []));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.value) setDraft(draftOf(loaded.value));
  }, [loaded.value]);

  if (loaded.error) return <p className="form-error registry-empty">{loaded.error.message}</p>;
  if (!loaded.value || !draft) return <p className="muted registry-empty">{t('loading')}</p>;

  const edit = (change: (d: Draft) => Draft) => {
    setDraft(change(draft));
    setSaved(false);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkDraft(draft, t);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    saveRules(bodyOf(draft))
      .then(
        (rules) => {
          setDraft(draftOf(rules));
          setSaved(true);
        },
        (failure: unknown) => setErrors(serverErrorsByPath(failure, t('unavailable'))),
      )
      .finally(() => setBusy(false));
  };
  const readOnly = !canChange;

  return (
    <RecordSection
      title={t('rules.title')}
      testId="registry-rules"
      extra={
        readOnly && (
          <span className="tag soft" data-testid="rules-read-only">
            {t('rules.readOnly')}
          </span>
        )
      }
    >
      <form className="rules-form" onSubmit={submit} noValidate data-testid="rules-form" data-read-only={readOnly}>
        <fieldset className="rules-group">
          <legend>{t('rules.pointsTitle')}</legend>
          <div className="form-grid">
            {ruleKinds.map((kind) => (
              <FormField key={kind} label={t(`points.kinds.${kind}`)} name={`points.${kind}`} errors={errors}>
                <input
                  value={draft.points[kind]}
                  onChange={(event) => edit((d) => ({ ...d, points: { ...d.points, [kind]: event.target.value } }))}
                  inputMode="numeric"
                  readOnly={readOnly}
                  data-testid={`rules-points-${kind}`}
                />
              </FormField>
            ))}
          </div>
        </fieldset>
        <fieldset className="rules-group">
          <legend>{t('rules.starsTitle')}</legend>
          <p className="muted">{t('rules.starsHint')}</p>
          {errors['stars'] && (
            <p className="form-error" role="alert" data-testid="field-error-stars">
              {errors['stars']}
            </p>
          )}
          <div className="form-grid">
            {draft.stars.map((text, i) => (
              <FormField key={i} label={t('rules.minPoints', { stars: '★'.repeat(i + 1), count: i + 1 })} name={`stars.${i}.min_points`} errors={errors}>
                <input
                  value={text}
                  onChange={(event) => edit((d) => ({ ...d, stars: d.stars.map((s, j) => (j === i ? event.target.value : s)) }))}
                  inputMode="numeric"
                  readOnly={readOnly || i === 0}
                  data-testid={`rules-stars-${i + 1}`}
                />
              </FormField>
            ))}
          </div>
          {!readOnly && (
            <div className="registry-actions wrap">
              {draft.stars.length < 5 && (
                <button
                  type="button"
                  className="secondary-button"
                  onClick={() => edit((d) => ({ ...d, stars: [...d.stars, ''] }))}
                  data-testid="rules-add-star"
                >
                  {t('rules.addStar')}
                </button>
              )}
              {draft.stars.length > 1 && (
                <button
                  type="button"
                  className="secondary-button"
                  onClick={() => edit((d) => ({ ...d, stars: d.stars.slice(0, -1) }))}
                  data-testid="rules-remove-star"
                >
                  {t('rules.removeStar')}
                </button>
              )}
            </div>
          )}
        </fieldset>
        {errors[''] && (
          <p className="form-error" role="alert" data-testid="rules-error">
            {errors['']}
          </p>
        )}
        {!readOnly && (
          <div className="registry-actions">
            <button type="submit" className="primary-button" disabled={busy} data-testid="rules-save">
              {t('save')}
            </button>
            {saved && (
              <span className="import-clean" role="status" data-testid="rules-saved">
                {t('saved')}
              </span>
            )}
          </div>
        )}
      </form>
    </RecordSection>
  );
}
