import { useTranslation } from 'react-i18next';
import { CaseCard } from './case-card.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { ConfirmButton } from './confirm-button.tsx';
import { DispatchForm } from './dispatch-form.tsx';
import { DispatchPanel } from './dispatch-panel.tsx';
import { NearbyList } from './nearby-list.tsx';
import { nearbyLimit, type CaseConsole as CaseConsoleState } from './use-case-console.ts';

/**
 * One case in the console: the incident, then either the dispatch form (no dispatch yet, or the
 * last one ended) or the dispatch with its alerts, the ranked candidates, the timeline and 结案.
 */
export function CaseConsole({ state }: { state: CaseConsoleState }) {
  const { t } = useTranslation();
  const { incident, dispatch, nearby, busy } = state;

  if (incident.error && !incident.data) {
    const notFound = incident.error.status === 404 || incident.error.status === 403;
    return (
      <p className="form-error dispatch-message" role="alert" data-testid="case-error">
        {notFound ? t('dispatch.case.notFound') : t('dispatch.loadFailed', { message: incident.error.message })}
      </p>
    );
  }
  if (!incident.data) return <p className="muted dispatch-message">{t('dispatch.loading')}</p>;

  const closed = incident.data.status === 'closed';
  const hasDispatch = incident.data.active_dispatch_id !== null || dispatch.data !== null;
  const dispatchOpen = dispatch.data !== null && dispatch.data.status !== 'closed';
  const canStart = !closed && (!hasDispatch || dispatch.data?.status === 'closed');
  const alerted = new Set(dispatch.data?.alerts.map((alert) => alert.member.id) ?? []);
  const memberNames = new Map(dispatch.data?.alerts.map((alert) => [alert.member.id, alert.member.name]) ?? []);
  const candidates = nearby.data ? nearby.data.members.filter((member) => !alerted.has(member.id)) : null;

  return (
    <>
      <CaseCard incident={incident.data} />
      {state.actionError && (
        <p className="form-error" role="alert" data-testid="action-error">
          {t('dispatch.actionFailed', { message: state.actionError })}
        </p>
      )}
      {dispatch.data && <DispatchPanel dispatch={dispatch.data} onRecall={state.recall} onClose={state.closeDispatch} busy={busy !== null} />}
      {canStart && (
        <DispatchForm caseKind={incident.data.kind} params={state.params} onChange={state.setParams} onSubmit={state.start} submitting={busy === 'start'} />
      )}
      {!closed && (
        <NearbyList
          members={candidates}
          error={nearby.error}
          radius={state.searchRadius}
          wantedSkills={state.wantedSkills}
          limited={(nearby.data?.members.length ?? 0) >= nearbyLimit}
          onAdd={dispatchOpen ? state.add : undefined}
          busy={busy !== null}
        />
      )}
      <CaseTimeline events={incident.data.timeline} memberNames={memberNames} />
      <div className="case-actions">
        {closed ? (
          <p className="muted">{t('dispatch.closedCase')}</p>
        ) : (
          <ConfirmButton
            label={t('dispatch.closeCase')}
            question={t('dispatch.confirm.closeCase')}
            className="danger-button"
            testId="close-case"
            disabled={busy !== null}
            onConfirm={state.closeCase}
          />
        )}
      </div>
    </>
  );
}
