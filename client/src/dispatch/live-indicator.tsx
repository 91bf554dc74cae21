import { useTranslation } from 'react-i18next';
import type { LiveConnectionState } from '../api/live.api.ts';

/** Whether the console is receiving live updates (a dropped stream means what is shown may be stale). */
export function LiveIndicator({ state }: { state: LiveConnectionState }) {
  const { t } = useTranslation();
  return (
    <span className={`live-indicator live-${state}`} data-testid="live-indicator" data-live-state={state} role="status">
      <span className="live-dot" />
      {t(`dispatch.live.${state}`)}
    </span>
  );
}
