import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signIn } from '../api/auth.api.ts';
import { ApiError, isAbort, networkErrorCode } from '../api/http.ts';
import { sessionStarted } from '../session/session.store.ts';

const invalidCredentials = 'invalid_credentials';
const tooManyAttempts = 'too_many_attempts';

type SignInError = { code: string } & (
  | { kind: 'message'; text: string }
  | { kind: 'translated'; key: 'signIn.invalidCredentials' | 'signIn.networkError' }
  /** Locked out until this time (ms since epoch). */
  | { kind: 'wait'; until: number }
);

function errorFor(error: unknown): SignInError {
  if (!(error instanceof ApiError)) return { code: 'unknown', kind: 'message', text: String(error) };
  const { code } = error;
  if (code === invalidCredentials) return { code, kind: 'translated', key: 'signIn.invalidCredentials' };
  if (code === networkErrorCode) return { code, kind: 'translated', key: 'signIn.networkError' };
  if (code === tooManyAttempts) return { code, kind: 'wait', until: Date.now() + (error.retryAfterSeconds ?? 60) * 1000 };
  return { code, kind: 'message', text: error.message };
}

function secondsUntil(until: number | null): number {
  return until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** Whole seconds left until `until`, re-rendering once a second until it has passed. */
function useSecondsLeft(until: number | null): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => {
      setTick((tick) => tick + 1);
      if (secondsUntil(until) === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return secondsUntil(until);
}

/**
 * `/sign-in`: username and password. A successful sign-in starts the session; the app shell then
 * moves on to `?next=` (a same-origin path) or the map.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<SignInError | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const pending = useRef<AbortController | null>(null);
  const secondsLeft = useSecondsLeft(error?.kind === 'wait' ? error.until : null);
  const waiting = error?.kind === 'wait' && secondsLeft > 0;

  useEffect(() => () => pending.current?.abort(), []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting || waiting) return;
    const controller = new AbortController();
    pending.current = controller;
    setSubmitting(true);
    setError(null);
    signIn({ username: username.trim(), password }, controller.signal).then(
      (info) => sessionStarted(info),
      (failure: unknown) => {
        if (isAbort(failure)) return;
        setSubmitting(false);
        setError(errorFor(failure));
        if (failure instanceof ApiError && failure.code === invalidCredentials) {
          setPassword('');
          passwordInput.current?.focus();
        }
      },
    );
  };

  let errorText: string | null = null;
  if (error?.kind === 'message') errorText = error.text;
  else if (error?.kind === 'translated') errorText = t(error.key);
  else if (waiting) errorText = t('signIn.tooManyAttempts', { seconds: secondsLeft });

  return (
    <main className="sign-in-page">
      <form className="panel sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <header className="panel-header">
          <h2 id="sign-in-title">{t('signIn.title')}</h2>
        </header>
        <div className="sign-in-body">
          <p className="muted">{t('signIn.intro')}</p>
          <label className="field">
            <span>{t('signIn.username')}</span>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              maxLength={50}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              data-testid="sign-in-username"
            />
          </label>
          <label className="field">
            <span>{t('signIn.password')}</span>
            <input
              ref={passwordInput}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={200}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              data-testid="sign-in-password"
            />
          </label>
          {errorText !== null && (
            <p className="form-error" role="alert" data-testid="sign-in-error" data-error-code={error?.code}>
              {errorText}
            </p>
          )}
          <button type="submit" className="primary-button" disabled={submitting || waiting} data-testid="sign-in-submit">
            {submitting ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
