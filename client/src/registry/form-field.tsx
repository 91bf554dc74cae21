import type { ReactNode } from 'react';
import { Link } from '../shell/link.tsx';

export interface FormFieldProps {
  label: string;
  /** the field's name in the request body: its error is looked up by it */
  name: string;
  errors: Record<string, string>;
  hint?: string;
  children: ReactNode;
}

/** A labelled form control with its problem, if any, right under it (and announced). */
export function FormField({ label, name, errors, hint, children }: FormFieldProps) {
  const error = errors[name];
  return (
    <label className={error ? 'field registry-field has-error' : 'field registry-field'} data-field={name}>
      <span>{label}</span>
      {children}
      {hint && !error && <small className="muted">{hint}</small>}
      {error && (
        <small className="field-error" role="alert" data-testid={`field-error-${name}`}>
          {error}
        </small>
      )}
    </label>
  );
}

/** A form's end: its problem that belongs to no one field, save and cancel. */
export function FormFooter({
  error,
  busy,
  saveTestId,
  cancelHref,
  labels,
}: {
  error: string | undefined;
  busy: boolean;
  saveTestId: string;
  cancelHref: string;
  labels: { save: string; cancel: string };
}) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="registry-actions">
        <button type="submit" className="primary-button" disabled={busy} data-testid={saveTestId}>
          {labels.save}
        </button>
        <Link className="secondary-button as-link" href={cancelHref}>
          {labels.cancel}
        </Link>
      </div>
    </>
  );
}
