import type { ReactNode } from 'react';

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
