import { useTranslation } from 'react-i18next';
import type { AlertState, DispatchAlert, DispatchView } from '../api/contract.ts';
import { Distance, useDistanceText } from '../locate/distance.tsx';
import { AlertCountdown } from './alert-countdown.tsx';
import { ConfirmButton } from './confirm-button.tsx';
import { clockTime } from './format-time.ts';
import { MemberLink } from './member-link.tsx';
import { SkillList } from './skill-list.tsx';
import { SmsNote } from './sms-note.tsx';
import { StateBadge } from './state-badge.tsx';

export interface DispatchPanelProps {
  dispatch: DispatchView;
  onRecall: (memberId: number) => void;
  onClose: () => void;
  busy: boolean;
}

/** States a member can still be recalled from: on the way, or not yet answered. */
const recallable: ReadonlySet<AlertState> = new Set(['alerted', 'accepted']);
/** States whose member may still need their link: to answer, or to say they arrived. */
const linkable: ReadonlySet<AlertState> = new Set(['alerted', 'accepted']);

function byWaveThenDistance(a: DispatchAlert, b: DispatchAlert): number {
  return a.wave - b.wave || a.distance_m - b.distance_m;
}

function AlertTimes({ alert }: { alert: DispatchAlert }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (alert.arrived_at) return <>{t('dispatch.alerts.arrivedAt', { time: clockTime(alert.arrived_at, lang) })}</>;
  if (alert.answered_at) return <>{t('dispatch.alerts.answeredAt', { time: clockTime(alert.answered_at, lang) })}</>;
  return <>{t('dispatch.alerts.alertedAt', { time: clockTime(alert.alerted_at, lang) })}</>;
}

/** The dispatch: status, waves, accepted against target, and each alerted member's state, live. */
export function DispatchPanel({ dispatch, onRecall, onClose, busy }: DispatchPanelProps) {
  const { t } = useTranslation();
  const distanceText = useDistanceText();
  const alerts = [...dispatch.alerts].sort(byWaveThenDistance);
  const progress = dispatch.target > 0 ? Math.min(1, dispatch.accepted / dispatch.target) : 0;
  return (
    <section className="dispatch-section dispatch-panel">
      <div className={`dispatch-status status-${dispatch.status}`} data-testid="dispatch-status" data-status={dispatch.status} data-dispatch-id={dispatch.id}>
        <div className="dispatch-status-line">
          <strong>{t(`dispatch.status.${dispatch.status}`)}</strong>
          <span>
            {t('dispatch.summary', {
              waves: dispatch.waves,
              accepted: dispatch.accepted,
              target: dispatch.target,
              radius: distanceText(dispatch.radius_m),
            })}
          </span>
        </div>
        <div className="progress" aria-hidden="true">
          <span style={{ width: `${progress * 100}%` }} />
        </div>
        {dispatch.status !== 'closed' && (
          <ConfirmButton
            label={t('dispatch.closeDispatch')}
            question={t('dispatch.confirm.closeDispatch')}
            className="secondary-button"
            testId="close-dispatch"
            disabled={busy}
            onConfirm={onClose}
          />
        )}
      </div>
      <h3 className="section-title">
        {t('dispatch.alerts.title')}
        <span className="count">{alerts.length}</span>
      </h3>
      {alerts.length === 0 && <p className="muted">{t('dispatch.alerts.empty')}</p>}
      {alerts.length > 0 && (
        <ul className="alert-list">
          {alerts.map((alert) => (
            <li key={alert.member.id} className="alert-row" data-testid="alert-row" data-member-id={alert.member.id} data-state={alert.state}>
              <StateBadge state={alert.state} />
              <div className="alert-main">
                <div className="alert-name">
                  <strong>{alert.member.name}</strong>
                  <span className="muted"> · {t('dispatch.alerts.wave', { wave: alert.wave })}</span>
                </div>
                <div className="alert-org" title={alert.member.org.name}>
                  {alert.member.org.name}
                </div>
                <div className="alert-meta">
                  <SkillList skills={alert.member.skills} wanted={dispatch.skills} dash={false} />
                  <span className="muted">
                    <AlertTimes alert={alert} />
                  </span>
                  <SmsNote status={alert.sms_status} />
                  {alert.state === 'alerted' && dispatch.status === 'active' && (
                    <AlertCountdown alertedAt={alert.alerted_at} timeoutSeconds={dispatch.alert_timeout_s} />
                  )}
                </div>
              </div>
              <div className="alert-side">
                <span className="alert-distance">
                  <Distance meters={alert.distance_m} />
                </span>
                {alert.phone && (
                  <a className="small-button call-button" href={`tel:${alert.phone}`} data-testid="call-member" title={alert.phone}>
                    {t('dispatch.alerts.call', { phone: alert.phone })}
                  </a>
                )}
                {recallable.has(alert.state) && dispatch.status !== 'closed' && (
                  <button type="button" className="small-button" data-testid="recall-member" onClick={() => onRecall(alert.member.id)} disabled={busy}>
                    {t('dispatch.alerts.recall')}
                  </button>
                )}
              </div>
              {alert.sms_status === 'not_sent' && linkable.has(alert.state) && dispatch.status !== 'closed' && (
                <MemberLink dispatchId={dispatch.id} memberId={alert.member.id} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
