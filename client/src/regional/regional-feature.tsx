import { useTranslation } from 'react-i18next';
import { fetchGroup, fetchPairing } from '../api/regional.api.ts';
import type { RecordViewProps } from '../one-map/one-map-tool.ts';
import { useFetched } from '../one-map/use-fetched.ts';
import '../styles/regional.css';

function AreaPanelButton({ code, onOpenPanel }: { code: string | null; onOpenPanel: RecordViewProps['onOpenPanel'] }) {
  const { t } = useTranslation('oneMap');
  if (code === null) return null;
  return (
    <p className="panel-actions">
      <button type="button" onClick={() => onOpenPanel('area', code)} data-testid="feature-area-panel">
        {t('feature.areaPanel')}
      </button>
    </p>
  );
}

/** A pairing clicked on the map: who pairs with whom since when, what they do, the open items of its lists. */
export function PairingFeature({ id, onOpenPanel }: RecordViewProps) {
  const { t } = useTranslation('regional');
  const state = useFetched(`pairing:${id}`, (signal) => fetchPairing(id, signal));
  if (state.status === 'loading') return <p className="muted">{t('loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="form-error" role="alert">
        {t('failed', { message: state.message })}
      </p>
    );
  const p = state.value;
  return (
    <div className="regional-feature" data-testid="pairing-feature">
      <h3 data-testid="feature-title">
        {p.org.name} ⇄ {p.partner.name}
      </h3>
      <p className="muted">
        <span className="tag soft">{t(`pairings.partnerKind.${p.partner.kind}`)}</span> {t('pairings.since', { date: p.started_on })}
        {p.ended_on && ` · ${t('pairings.endedOn', { date: p.ended_on })}`}
      </p>
      {p.content && (
        <p>
          <strong>{t('pairings.content')}：</strong>
          {p.content}
        </p>
      )}
      <ul className="panel-list">
        {(['needs', 'resources', 'projects'] as const).map((list) => (
          <li key={list}>
            {t(`lists.${list}`)}：{p.lists[list].length}（{t('pairings.openItems', { count: p.open_items[list] })}）
          </li>
        ))}
      </ul>
      <AreaPanelButton code={p.org.area_code} onOpenPanel={onOpenPanel} />
    </div>
  );
}

/** A regional group clicked on the map: its lead, members and latest meeting. */
export function GroupFeature({ id, onOpenPanel }: RecordViewProps) {
  const { t } = useTranslation('regional');
  const state = useFetched(`regional_group:${id}`, (signal) => fetchGroup(id, signal));
  if (state.status === 'loading') return <p className="muted">{t('loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="form-error" role="alert">
        {t('failed', { message: state.message })}
      </p>
    );
  const g = state.value;
  return (
    <div className="regional-feature" data-testid="group-feature">
      <h3 data-testid="feature-title">{g.name}</h3>
      <p className="muted">
        {g.area_name} · {g.lead ? `${t('groups.lead')}：${g.lead.name}` : t('groups.noLead')}
      </p>
      <p>
        {t('groups.count', { count: g.member_count })} · {g.last_meeting_on ? t('groups.lastMeeting', { date: g.last_meeting_on }) : t('groups.noMeeting')}
      </p>
      <ul className="panel-list">
        {g.members.map((m) => (
          <li key={m.org_id}>
            {m.name}
            {m.is_lead && <span className="tag"> {t('groups.lead')}</span>}
          </li>
        ))}
      </ul>
      <AreaPanelButton code={g.area_code} onOpenPanel={onOpenPanel} />
    </div>
  );
}
