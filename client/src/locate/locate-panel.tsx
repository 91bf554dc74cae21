import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocateResult } from '../api/contract.ts';
import { networkErrorCode } from '../api/http.ts';
import { Distance } from './distance.tsx';
import type { LocateState } from './use-locate.ts';

const outsideTerritory = 'outside_territory';

function Field({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="locate-field">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** Opens the area panel of an area or a grid (the Party-building map); no buttons without it. */
export type OpenPanel = (kind: 'area' | 'grid', code: string) => void;

function PanelButton({ onOpen, label, testId }: { onOpen: () => void; label: string; testId: string }) {
  return (
    <button type="button" className="link-button" data-testid={testId} onClick={onOpen}>
      {label}
    </button>
  );
}

function LocateAnswer({ result, onOpenPanel }: { result: LocateResult; onOpenPanel: OpenPanel | undefined }) {
  const { t } = useTranslation(['translation', 'oneMap']);
  const { county, town, community, grid, nearest_service_center: center } = result;
  const none = <span className="muted">{t('locate.none')}</span>;
  return (
    <dl className="locate-fields">
      <Field label={t('locate.county')} testId="locate-county">
        {county.name}
      </Field>
      <Field label={t('locate.town')} testId="locate-town">
        {town.name}
      </Field>
      <Field label={t('locate.community')} testId="locate-community">
        {community.name} <span className="tag">{t(`locate.level.${community.level}`)}</span>
        {onOpenPanel && <PanelButton onOpen={() => onOpenPanel('area', community.code)} label={t('oneMap:feature.areaPanel')} testId="locate-area-panel" />}
      </Field>
      <div className="locate-field">
        <dt>{t('locate.grid')}</dt>
        {grid ? (
          <dd>
            <span data-testid="locate-grid-name">{grid.name}</span>
            <code className="code" data-testid="locate-grid-code">
              {grid.code}
            </code>
            {onOpenPanel && <PanelButton onOpen={() => onOpenPanel('grid', grid.code)} label={t('oneMap:feature.gridPanel')} testId="locate-grid-panel" />}
          </dd>
        ) : (
          <dd data-testid="locate-grid-name" className="muted">
            {t('locate.noGrid')}
          </dd>
        )}
      </div>
      <Field label={t('locate.branch')} testId="locate-branch">
        {grid?.branch ? grid.branch.name : none}
      </Field>
      <Field label={t('locate.leader')} testId="locate-leader">
        {grid?.leader ? grid.leader.name : none}
      </Field>
      <Field label={t('locate.serviceCenter')} testId="locate-service-center">
        {center ? (
          <>
            <span data-testid="locate-service-center-name">{center.name}</span> <span className="tag">{t(`locate.placeKind.${center.kind}`)}</span>
            <span className="distance" data-testid="locate-service-distance">
              <Distance meters={center.distance_m} />
            </span>
          </>
        ) : (
          none
        )}
      </Field>
    </dl>
  );
}

function errorText(code: string, message: string, t: TFunction): string {
  if (code === outsideTerritory) return t('locate.outsideTerritory');
  if (code === networkErrorCode) return t('locate.networkError');
  return message;
}

export interface LocatePanelProps {
  state: LocateState;
  onClose: () => void;
  onOpenPanel?: OpenPanel;
}

/** The side panel answering "where is this?" for the last clicked point. */
export function LocatePanel({ state, onClose, onOpenPanel }: LocatePanelProps) {
  const { t } = useTranslation();
  return (
    <aside
      className="panel locate-panel"
      data-testid="locate-panel"
      data-locate-state={state.status}
      data-error-code={state.status === 'error' ? state.code : undefined}
      aria-live="polite"
    >
      <header className="panel-header">
        <h2>{t('locate.title')}</h2>
        {state.status !== 'idle' && (
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('locate.close')}>
            ×
          </button>
        )}
      </header>
      {state.status !== 'idle' && (
        <p className="locate-point" data-testid="locate-point">
          {t('locate.point')}: {state.point[0].toFixed(5)}, {state.point[1].toFixed(5)}
        </p>
      )}
      {state.status === 'idle' && <p className="muted">{t('locate.hint')}</p>}
      {state.status === 'loading' && <p className="muted">{t('locate.loading')}</p>}
      {state.status === 'error' && (
        <p className="locate-error" role="alert" data-testid="locate-error">
          {errorText(state.code, state.message, t)}
        </p>
      )}
      {state.status === 'done' && <LocateAnswer result={state.result} onOpenPanel={onOpenPanel} />}
    </aside>
  );
}
