import { useTranslation } from 'react-i18next';
import type { DispatchAlert } from '../api/contract.ts';

/**
 * What the dispatcher must know about a member's SMS alert: not sent (no SMS gateway is
 * configured, so the member has to be reached another way) or failed (being retried). Nothing
 * while it is pending or once it is sent.
 */
export function SmsNote({ status }: { status: DispatchAlert['sms_status'] }) {
  const { t } = useTranslation();
  if (status !== 'not_sent' && status !== 'failed') return null;
  return (
    <span className={`sms-note sms-${status}`} data-testid="sms-note" data-sms={status}>
      {t(status === 'not_sent' ? 'dispatch.alerts.smsNotSent' : 'dispatch.alerts.smsFailed')}
    </span>
  );
}
