import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from './api-error-text.ts';

/**
 * A form that sends one request: `submit(send, done)` is its onSubmit; while the request is out
 * `busy` holds, and a refusal becomes `error` in words a person can act on.
 */
export function useFormSubmit() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit =
    <T>(send: () => Promise<T>, done: (answer: T) => void) =>
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setBusy(true);
      setError(null);
      send()
        .then(done, (failure: unknown) => setError(apiErrorText(failure, t)))
        .finally(() => setBusy(false));
    };
  return { busy, error, submit };
}
