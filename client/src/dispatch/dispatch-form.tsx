import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dispatchBody, dispatchLimits, type DispatchParams } from './dispatch-params.ts';
import { suggestedSkills } from './kind-skills.ts';
import { caseKindLabel, knownSkills, skillLabel } from './labels.ts';

/** The three whole-number parameters, in the order the form shows them. */
const numberFields = [
  { key: 'radius', testId: 'dispatch-radius', step: 50 },
  { key: 'waveSize', testId: 'dispatch-wave-size', step: 1 },
  { key: 'target', testId: 'dispatch-target', step: 1 },
] as const;

export interface DispatchFormProps {
  /** the case's kind, whose usual skills are suggested */
  caseKind: string;
  params: DispatchParams;
  onChange: (params: DispatchParams) => void;
  onSubmit: () => void;
  submitting: boolean;
}

/** 调度参数 and 发起调度: radius, members per wave, members needed, required skills. */
export function DispatchForm({ caseKind, params, onChange, onSubmit, submitting }: DispatchFormProps) {
  const { t } = useTranslation();
  const valid = dispatchBody(params) !== null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onSubmit();
  };
  const suggested = suggestedSkills(caseKind);
  const missing = suggested.filter((skill) => !params.skills.includes(skill));
  const toggleSkill = (skill: string) =>
    onChange({
      ...params,
      skills: params.skills.includes(skill) ? params.skills.filter((s) => s !== skill) : [...params.skills, skill],
    });

  return (
    <form className="dispatch-section dispatch-form" data-testid="dispatch-form" onSubmit={submit}>
      <h3 className="section-title">{t('dispatch.params.title')}</h3>
      <div className="form-row three">
        {numberFields.map(({ key, testId, step }) => (
          <label className="field" key={key}>
            <span>{t(`dispatch.params.${key}`)}</span>
            <input
              type="number"
              data-testid={testId}
              min={dispatchLimits[key].min}
              max={dispatchLimits[key].max}
              step={step}
              value={params[key]}
              onChange={(e) => onChange({ ...params, [key]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <fieldset className="skill-picker">
        <legend>
          {t('dispatch.params.skills')} <span className="muted">{t('dispatch.params.skillsHint')}</span>
        </legend>
        {suggested.length > 0 && (
          <p className="skill-suggestion" data-testid="skill-suggestion">
            {t('dispatch.params.suggested', { kind: caseKindLabel(caseKind, t), skills: suggested.map((s) => skillLabel(s, t)).join('、') })}
            {missing.length > 0 && (
              <button
                type="button"
                className="small-button"
                data-testid="skill-suggestion-apply"
                onClick={() => onChange({ ...params, skills: [...params.skills, ...missing] })}
              >
                {t('dispatch.params.applySuggested')}
              </button>
            )}
          </p>
        )}
        {knownSkills.map((skill) => (
          <button
            key={skill}
            type="button"
            className="chip"
            aria-pressed={params.skills.includes(skill)}
            data-testid="dispatch-skill"
            data-skill={skill}
            data-suggested={suggested.includes(skill) || undefined}
            onClick={() => toggleSkill(skill)}
          >
            {skillLabel(skill, t)}
          </button>
        ))}
      </fieldset>
      <button type="submit" className="primary-button wide" data-testid="dispatch-submit" disabled={!valid || submitting}>
        {submitting ? t('dispatch.params.submitting') : t('dispatch.params.submit')}
      </button>
    </form>
  );
}
