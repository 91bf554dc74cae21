import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Time left for an open alert before it times out and the next wave goes (by this machine's clock,
 * so a few seconds off when clocks differ); 0:00 once overdue, until the server's sweep moves on.
 */
export function AlertCountdown({ alertedAt, timeoutSeconds }: { alertedAt: string; timeoutSeconds: number }) {
  const { t } = useTranslation();
  const deadline = Date.parse(alertedAt) + timeoutSeconds * 1000;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <span
      className={`alert-countdown${left <= 30 ? ' urgent' : ''}`}
      data-testid="alert-countdown"
      data-seconds-left={left}
      title={t('dispatch.alerts.countdownTitle')}
    >
      {t('dispatch.alerts.countdown', { time: text })}
    </span>
  );
}
