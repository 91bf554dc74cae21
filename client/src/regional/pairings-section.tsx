import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import type { PairingSummary } from '../api/contract.ts';
import { fetchPairing, fetchPairings } from '../api/regional.api.ts';
import { createPairingArcsLayer, pairingArcsData } from '../map/layers/pairing-arcs.layer.ts';
import type { OneMapHost } from '../one-map/one-map-tool.ts';
import { ListBoard } from './list-board.tsx';
import { boundsAround } from './bounds.ts';

type StatusFilter = 'active' | 'ended' | 'all';
const pageSize = 100;

function PairingDetail({ id, editable, onBack }: { id: number; editable: boolean; onBack: () => void }) {
  const { t } = useTranslation('regional');
  const record = useLoaded(useCallback((signal: AbortSignal) => fetchPairing(id, signal), [id]));
  const p = record.value;
  return (
    <div className="regional-detail" data-testid="pairing-detail" data-id={id} data-state={p ? 'done' : 'loading'}>
      <button type="button" className="link-button" onClick={onBack} data-testid="regional-back">
        ← {t('back')}
      </button>
      {record.error && (
        <p className="form-error" role="alert">
          {t('failed', { message: record.error.message })}
        </p>
      )}
      {p && (
        <>
          <h3 data-testid="pairing-title">
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
          <ListBoard owner={{ kind: 'pairing', id: p.id }} lists={p.lists} editable={editable && p.ended_on === null} onChanged={record.reload} />
        </>
      )}
    </div>
  );
}

function PairingRow({ pairing: p, onOpen }: { pairing: PairingSummary; onOpen: (id: number) => void }) {
  const { t } = useTranslation('regional');
  const open = p.open_items.needs + p.open_items.resources + p.open_items.projects;
  return (
    <li>
      <button type="button" className="regional-row" onClick={() => onOpen(p.id)} data-testid={`pairing-row-${p.id}`} data-active={p.active}>
        <span className="regional-row-title">
          {p.org.name} ⇄ {p.partner.name}
        </span>
        <span className="muted">
          {t(`pairings.partnerKind.${p.partner.kind}`)} ·{' '}
          {p.ended_on ? t('pairings.endedOn', { date: p.ended_on }) : t('pairings.since', { date: p.started_on })}
          {open > 0 && ` · ${t('pairings.openItems', { count: open })}`}
        </span>
      </button>
    </li>
  );
}

/**
 * 结对共建: the pairings in the caller's scope (active by default), drawn as arcs while the tool is
 * open; one opened shows its three lists, the map fitted to its arc.
 */
export function PairingsSection({ host, editable }: { host: OneMapHost; editable: boolean }) {
  const { t } = useTranslation('regional');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [selected, setSelected] = useState<number | null>(null);
  const [rows, setRows] = useState<PairingSummary[]>([]);
  const [after, setAfter] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const loadPage = useCallback(
    async (from: number | null, signal?: AbortSignal) => {
      setLoading(true);
      try {
        const page = await fetchPairings({ status, limit: pageSize, ...(from !== null ? { after: from } : {}) }, signal);
        setRows((before) => (from === null ? page.pairings : [...before, ...page.pairings]));
        setAfter(page.next_after);
        setError(null);
      } catch (failure) {
        if (!signal?.aborted) setError(failure instanceof Error ? failure.message : String(failure));
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [status],
  );
  useEffect(() => {
    const controller = new AbortController();
    void loadPage(null, controller.signal);
    return () => controller.abort();
  }, [loadPage]);

  useEffect(() => {
    host.drawLayers([createPairingArcsLayer({ id: 'regional-tool-arcs', filter: { status }, selectedId: selected })]);
  }, [host, status, selected]);
  useEffect(() => () => host.drawLayers([]), [host]);

  const open = (id: number) => {
    setSelected(id);
    void pairingArcsData({ filter: { status } }).then((arcs) => {
      const arc = arcs.find((a) => a.id === id);
      if (arc) host.fitBounds(boundsAround(arc.geometry.coordinates));
    });
  };

  if (selected !== null) return <PairingDetail id={selected} editable={editable} onBack={() => setSelected(null)} />;
  return (
    <div className="regional-section" data-testid="pairings-section" data-loading={loading}>
      <label className="field regional-filter">
        <span>{t('pairings.filter')}</span>
        <select value={status} onChange={(event) => setStatus(event.target.value as StatusFilter)} data-testid="pairing-status-filter">
          {(['active', 'ended', 'all'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`pairings.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="form-error" role="alert">
          {t('failed', { message: error })}
        </p>
      )}
      <p className="muted" data-testid="pairings-count">
        {t('pairings.count', { count: rows.length })}
        {after !== null ? '+' : ''}
      </p>
      {rows.length === 0 && !error ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className="regional-rows">
          {rows.map((p) => (
            <PairingRow key={p.id} pairing={p} onOpen={open} />
          ))}
        </ul>
      )}
      {after !== null && (
        <button type="button" className="secondary-button" disabled={loading} onClick={() => void loadPage(after)} data-testid="pairings-more">
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}
