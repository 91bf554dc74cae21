import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseGovernanceLayer } from './use-governance-layer.ts';

export interface GovernancePanelProps {
  governance: UseGovernanceLayer;
  /** planners and admins load and remove the layer; others only see it */
  canEdit: boolean;
}

/** The community's governance grid layer (综治网格): what is loaded, a file to load in its place, removal. */
export function GovernancePanel({ governance, canEdit }: GovernancePanelProps) {
  const { t, i18n } = useTranslation();
  const [gcj02, setGcj02] = useState(false);
  const { layer, busy, error } = governance;
  const loaded = layer?.loaded ?? null;
  return (
    <section className="planner-section" data-testid="governance-panel">
      <h2>{t('planner.governance.title')}</h2>
      <p className="planner-muted" data-testid="governance-status" data-grids={layer?.grids.features.length ?? 0}>
        {loaded
          ? t('planner.governance.loaded', {
              count: layer?.grids.features.length ?? 0,
              at: new Date(loaded.at).toLocaleString(i18n.language),
              by: loaded.by ?? '—',
            })
          : t('planner.governance.none')}
      </p>
      {canEdit && (
        <div className="governance-actions">
          <label className="planner-field">
            <span>{t('planner.governance.file')}</span>
            <input
              type="file"
              accept=".geojson,.json,.zip,application/geo+json,application/zip"
              disabled={busy}
              data-testid="governance-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void governance.load(file, gcj02);
              }}
            />
          </label>
          <label className="planner-check">
            <input type="checkbox" checked={gcj02} onChange={(e) => setGcj02(e.target.checked)} data-testid="governance-gcj02" />
            <span>{t('planner.governance.gcj02')}</span>
          </label>
          {loaded && (
            <button type="button" disabled={busy} onClick={() => void governance.remove()} data-testid="governance-remove">
              {t('planner.governance.remove')}
            </button>
          )}
        </div>
      )}
      {error && (
        <div className="planner-error" role="alert" data-testid="governance-error">
          <p>{error.problems.length > 0 ? t('planner.governance.refused', { count: error.problems.length }) : error.message}</p>
          {error.problems.length > 0 && (
            <ul>
              {error.problems.slice(0, 20).map((p, i) => (
                <li key={`${p.code}-${i}`} data-code={p.code} title={p.message}>
                  {t(`planner.fileProblem.${p.code}`)}
                  {p.feature !== null && t('planner.fileProblem.feature', { feature: p.feature })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
