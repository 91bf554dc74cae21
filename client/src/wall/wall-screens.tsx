import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTowns } from '../api/wall.api.ts';

/** Opened without a token: what the operator should do, and whom to ask. */
export function WallNoToken() {
  const { t } = useTranslation();
  return (
    <main className="wall-message" data-testid="wall-no-token">
      <span className="wall-emblem is-large" aria-hidden="true" />
      <h1>{t('wall.noToken.title')}</h1>
      <p>{t('wall.noToken.body')}</p>
      <p className="wall-message-steps">{t('wall.noToken.steps')}</p>
      <p className="wall-message-hint">{t('wall.noToken.hint')}</p>
    </main>
  );
}

export const revokedRetrySeconds = 30;

/**
 * The token was refused (401): says so, and asks again every 30 s, so that a wall whose token is
 * restored (or whose server recovers) comes back by itself. `onAccepted` when the token works again.
 */
export function WallRevoked({ token, onAccepted }: { token: string; onAccepted: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(revokedRetrySeconds);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    const tick = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1_000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    if (left > 0) return;
    const controller = new AbortController();
    setChecking(true);
    fetchTowns(token, controller.signal)
      .then(() => onAccepted())
      // still refused, or no server: wait another round
      .catch(() => undefined)
      .finally(() => {
        if (controller.signal.aborted) return;
        setChecking(false);
        setLeft(revokedRetrySeconds);
      });
    return () => controller.abort();
  }, [left, token, onAccepted]);

  return (
    <main className="wall-message is-error" data-testid="wall-revoked" role="alert">
      <span className="wall-emblem is-large" aria-hidden="true" />
      <h1>{t('wall.revoked.title')}</h1>
      <p>{t('wall.revoked.body')}</p>
      <p className="wall-message-hint" data-testid="wall-revoked-retry">
        {checking ? t('wall.revoked.retrying') : t('wall.revoked.retry', { seconds: left })}
      </p>
    </main>
  );
}
