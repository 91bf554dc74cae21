import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertState, MemberAlertView } from '../api/contract.ts';
import { networkErrorCode } from '../api/http.ts';
import { caseKindLabel } from '../dispatch/labels.ts';
import { shortDateTime } from '../dispatch/format-time.ts';
import { Distance } from '../locate/distance.tsx';
import { useRoadLabels } from '../map/data/use-road-labels.ts';
import { createIncidentPointLayer } from '../map/layers/incident-point.layer.ts';
import { createOwnPositionLayer } from '../map/layers/own-position.layer.ts';
import { createRoadLabelsLayer } from '../map/layers/road-labels.layer.ts';
import type { MapAdapter } from '../map/map.adapter.ts';
import { MapView } from '../map/map-view.tsx';
import { MemberContact } from '../member/member-contact.tsx';
import { NavigateButtons } from '../member/navigate-buttons.tsx';
import { useMemberAlert } from '../member/use-member-alert.ts';
import { useOwnPosition, type OwnPosition } from '../member/use-own-position.ts';
import { MemberWishes } from '../wishes/member-wishes.tsx';

const stateIcons: Record<AlertState, string> = {
  alerted: '!',
  accepted: '✓',
  arrived: '✓',
  declined: '×',
  timed_out: '—',
  cancelled: '—',
  recalled: '↩',
};

/** The basemap tiles are fetched with the member's link token: the page has no session. */
function IncidentMap({ position, own, token }: { position: readonly [number, number]; own: OwnPosition; token: string }) {
  const { t } = useTranslation();
  const [adapter, setAdapter] = useState<MapAdapter | null>(null);
  const onAdapter = useCallback((next: MapAdapter | null) => setAdapter(next), []);
  const roads = useRoadLabels(adapter);
  useEffect(() => {
    adapter?.setLayers([
      createRoadLabelsLayer({ labels: roads }),
      createOwnPositionLayer({ point: own.status === 'shown' ? own.point : null }),
      createIncidentPointLayer({ point: [position[0], position[1]] }),
    ]);
  }, [adapter, position, own, roads]);
  return (
    <div className="member-map">
      <MapView
        onAdapter={onAdapter}
        options={{ center: [position[0], position[1]], zoom: 15, controls: false, tileQuery: `?m=${encodeURIComponent(token)}` }}
        label={t('memberPage.mapLabel')}
      />
    </div>
  );
}

function Alert({
  alert,
  token,
  onAnswer,
  answering,
}: {
  alert: MemberAlertView;
  token: string;
  onAnswer: (a: 'accept' | 'decline' | 'arrived') => void;
  answering: string | null;
}) {
  const { t, i18n } = useTranslation();
  const busy = answering !== null;
  const { position: own, locate } = useOwnPosition();
  const open = alert.state === 'alerted' || alert.state === 'accepted';
  return (
    <>
      <section className={`member-state state-${alert.state}`} role="status" data-testid="member-state">
        <span className="member-state-icon" aria-hidden="true">
          {stateIcons[alert.state]}
        </span>
        <span>{t(`memberPage.state.${alert.state}`)}</span>
      </section>
      {alert.state === 'alerted' && (
        <p className="member-intro">
          <strong>{t('memberPage.greeting', { name: alert.member.name })}</strong>
          {t('memberPage.intro')}
        </p>
      )}
      <article className="member-incident">
        <span className="tag">{caseKindLabel(alert.case.kind, t)}</span>
        <h1 data-testid="member-case-title">{alert.case.title}</h1>
        {alert.case.description && <p className="member-description">{alert.case.description}</p>}
        <p className="member-distance">
          {t('memberPage.distance')}{' '}
          <strong>
            <Distance meters={alert.distance_m} />
          </strong>
        </p>
      </article>
      <IncidentMap position={alert.case.position} own={own} token={token} />
      {open && <NavigateButtons point={alert.case.position} name={alert.case.title} position={own} onLocate={locate} />}
      <p className="member-expires muted">{t('memberPage.expiresAt', { time: shortDateTime(alert.expires_at, i18n.language) })}</p>
      {(alert.state === 'alerted' || alert.state === 'accepted') && (
        <div className="member-actions">
          {alert.state === 'alerted' && (
            <>
              <button type="button" className="member-button accept" data-testid="member-accept" disabled={busy} onClick={() => onAnswer('accept')}>
                {answering === 'accept' ? t('memberPage.sending') : t('memberPage.accept')}
              </button>
              <button type="button" className="member-button decline" data-testid="member-decline" disabled={busy} onClick={() => onAnswer('decline')}>
                {answering === 'decline' ? t('memberPage.sending') : t('memberPage.decline')}
              </button>
            </>
          )}
          {alert.state === 'accepted' && (
            <>
              <button type="button" className="member-button arrived" data-testid="member-arrived" disabled={busy} onClick={() => onAnswer('arrived')}>
                {answering === 'arrived' ? t('memberPage.sending') : t('memberPage.arrived')}
              </button>
              <button type="button" className="member-button decline" data-testid="member-cannot-come" disabled={busy} onClick={() => onAnswer('decline')}>
                {answering === 'decline' ? t('memberPage.sending') : t('memberPage.cannotCome')}
              </button>
            </>
          )}
        </div>
      )}
      <MemberContact contact={alert.contact} />
    </>
  );
}

/**
 * `/m/{token}`: what an alerted member opens from the link on their phone. No top bar and no
 * sign-in: the signed link is the credential. Shows the incident, how far it is, and 接受 / 拒绝,
 * then 我已到达 or 去不了了 (a decline after accepting); 导航前往 opens the phone's map app, and whom to call.
 * The micro-wishes near the member's home follow; a personal link (no alert) shows those alone.
 */
export function MemberPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const { t: tw } = useTranslation('wishes');
  const { state, answering, answerError, answer, retry } = useMemberAlert(token);
  // a member's personal link carries no alert: the page is their wishes
  const personal = state.status === 'error' && state.code === 'no_alert';
  const brand = personal ? tw('member.brand') : t('memberPage.brand');
  useEffect(() => {
    document.title = brand;
  }, [brand]);

  const dataState = personal ? 'personal' : state.status === 'ready' ? state.alert.state : state.status;
  return (
    <main
      className="member-page"
      data-testid="member-page"
      data-state={dataState}
      data-error-code={state.status === 'error' && !personal ? state.code : undefined}
    >
      <header className="member-brand">
        <span className="brand-mark" aria-hidden="true" />
        {brand}
      </header>
      <div className="member-body">
        {state.status === 'loading' && <p className="muted member-message">{t('memberPage.loading')}</p>}
        {state.status === 'error' && state.code === 'link_expired' && (
          <section className="member-dead-link" data-testid="member-error">
            <h1>{t('memberPage.expired.title')}</h1>
            <p>{t('memberPage.expired.body')}</p>
          </section>
        )}
        {state.status === 'error' && state.code === 'not_found' && (
          <section className="member-dead-link" data-testid="member-error">
            <h1>{t('memberPage.notFound.title')}</h1>
            <p>{t('memberPage.notFound.body')}</p>
          </section>
        )}
        {personal && <MemberWishes token={token} personal />}
        {state.status === 'error' && !personal && state.code !== 'link_expired' && state.code !== 'not_found' && (
          <section className="member-dead-link" data-testid="member-error">
            <p className="form-error" role="alert">
              {state.code === networkErrorCode ? t('memberPage.networkError') : state.message}
            </p>
            <button type="button" className="member-button decline" onClick={retry}>
              {t('memberPage.retry')}
            </button>
          </section>
        )}
        {state.status === 'ready' && <Alert alert={state.alert} token={token} onAnswer={answer} answering={answering} />}
        {state.status === 'ready' && <MemberWishes token={token} personal={false} />}
        {answerError && (
          <p className="form-error" role="alert" data-testid="member-answer-error">
            {answerError.code === networkErrorCode ? t('memberPage.networkError') : t('memberPage.answerFailed', { message: answerError.message })}
          </p>
        )}
      </div>
    </main>
  );
}
