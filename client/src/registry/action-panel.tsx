import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { serverErrors, type FieldErrors } from './field-errors.ts';

export interface ActionPanelProps {
  /** the button that opens the form, and the form's heading */
  label: string;
  testId: string;
  /** checked before sending: problems by field (an empty object sends) */
  check?: () => FieldErrors;
  send: () => Promise<unknown>;
  /** after the server took it */
  done: () => void;
  /** the submit button's words (default: the label) */
  submitLabel?: string;
  danger?: boolean;
  children: (errors: FieldErrors) => ReactNode;
}

/**
 * One action on a record (transfer, close, …): a button that opens a small form in place; a
 * refusal shows at its field, or under the form.
 */
export function ActionPanel({ label, testId, check, send, done, submitLabel, danger = false, children }: ActionPanelProps) {
  const { t } = useTranslation('registry');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  if (!open) {
    return (
      <button type="button" className={danger ? 'secondary-button danger' : 'secondary-button'} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = check?.() ?? {};
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    send()
      .then(
        () => {
          setOpen(false);
          done();
        },
        (failure: unknown) => setErrors(serverErrors(failure, t('unavailable'))),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form className="action-panel" onSubmit={submit} data-testid={`${testId}-form`} noValidate>
      <h3>{label}</h3>
      {children(errors)}
      {errors[''] && (
        <p className="form-error" role="alert" data-testid={`${testId}-error`}>
          {errors['']}
        </p>
      )}
      <div className="registry-actions">
        <button type="submit" className={danger ? 'primary-button danger' : 'primary-button'} disabled={busy} data-testid={`${testId}-submit`}>
          {submitLabel ?? label}
        </button>
        <button type="button" className="secondary-button" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
