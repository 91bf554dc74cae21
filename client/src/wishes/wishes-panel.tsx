import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WishStatus, WishSummary } from '../api/contract.ts';
import { isAbort } from '../api/http.ts';
import type { LngLatTuple } from '../api/locate.api.ts';
import { fetchWishes, withdrawWish } from '../api/wishes.api.ts';
import { shortDateTime } from '../dispatch/format-time.ts';
import { createClickedPointLayer } from '../map/layers/clicked-point.layer.ts';
import { createWishFocusLayer } from '../map/layers/wishes.layer.ts';
import type { OneMapToolProps } from '../one-map/one-map-tool.ts';
import { WishStatusBadge } from './status-badge.tsx';
import { WishForm } from './wish-form.tsx';
import { canManageWishes } from './wish-rights.ts';
import '../styles/wishes.css';

const statuses: readonly WishStatus[] = ['open', 'claimed', 'fulfilled', 'withdrawn'];
const pageSize = 50;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

type Page = { wishes: WishSummary[]; next: number | null; status: 'loading' | 'done' | 'error'; message?: string };

/** The wishes in scope with a status, a page at a time; `more` loads the next page. */
function useWishList(status: WishStatus | '', round: number): Page & { more: () => void } {
  const [page, setPage] = useState<Page>({ wishes: [], next: null, status: 'loading' });
  const [after, setAfter] = useState<number | null>(null);
  useEffect(() => setAfter(null), [status, round]);
  useEffect(() => {
    const controller = new AbortController();
    if (after === null) setPage({ wishes: [], next: null, status: 'loading' });
    fetchWishes({ status: status || undefined, limit: pageSize, after: after ?? undefined }, controller.signal).then(
      (list) => setPage((p) => ({ wishes: after === null ? list.wishes : [...p.wishes, ...list.wishes], next: list.next_after, status: 'done' })),
      (error: unknown) => {
        if (!isAbort(error)) setPage((p) => ({ ...p, status: 'error', message: messageOf(error) }));
      },
    );
    return () => controller.abort();
  }, [status, round, after]);
  return { ...page, more: () => setAfter(page.next) };
}

/** 撤回 with an optional reason, confirmed in place. */
function WithdrawButton({ wish, onDone }: { wish: WishSummary; onDone: (error: string | null) => void }) {
  const { t } = useTranslation('wishes');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="small-button" data-testid="wish-withdraw" onClick={() => setAsking(true)}>
        {t('panel.withdraw')}
      </button>
    );
  }
  const confirm = () => {
    setBusy(true);
    withdrawWish(wish.id, reason.trim() || undefined).then(
      () => onDone(null),
      (error: unknown) => {
        setBusy(false);
        onDone(messageOf(error));
      },
    );
  };
  return (
    <div className="wish-withdraw">
      <input
        value={reason}
        maxLength={500}
        placeholder={t('panel.withdrawReason')}
        aria-label={t('panel.withdrawReason')}
        data-testid="wish-withdraw-reason"
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" className="small-button danger" disabled={busy} data-testid="wish-withdraw-confirm" onClick={confirm}>
        {t('panel.withdrawConfirm')}
      </button>
      <button type="button" className="small-button" disabled={busy} onClick={() => setAsking(false)}>
        {t('panel.cancel')}
      </button>
    </div>
  );
}

/**
 * 微心愿 in the 一张图's tool drawer: the wishes in scope by status (a click shows one on the map),
 * 发布微心愿 at a point clicked on the map or at a service position, 撤回 an open or claimed one.
 * Residents' names are shown only as the API gives them (wish.manage, member.read_exact).
 */
export function WishesPanel({ host, user }: OneMapToolProps) {
  const { t, i18n } = useTranslation('wishes');
  const manage = canManageWishes(user);
  const [status, setStatus] = useState<WishStatus | ''>('open');
  const [round, setRound] = useState(0);
  const list = useWishList(status, round);
  const [focus, setFocus] = useState<LngLatTuple | null>(null);
  const [posting, setPosting] = useState(false);
  const [picked, setPicked] = useState<LngLatTuple | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(
    () => host.drawLayers([createWishFocusLayer({ point: focus }), createClickedPointLayer({ point: posting ? picked : null })]),
    [host, focus, picked, posting],
  );
  useEffect(() => () => host.drawLayers([]), [host]);
  // while the form is open, a click on the map is where the wish is
  useEffect(() => (posting ? host.onMapClick((point) => setPicked(point)) : undefined), [host, posting]);

  const show = (wish: WishSummary) => {
    setFocus(wish.position);
    host.moveTo(wish.position, 17);
  };
  const reload = useCallback(() => setRound((r) => r + 1), []);

  return (
    <div className="wishes-panel" data-testid="wishes-panel">
      {notice && (
        <p className={notice.error ? 'form-error' : 'wish-notice'} role={notice.error ? 'alert' : 'status'} data-testid="wish-notice">
          {notice.text}
        </p>
      )}
      {manage && !posting && (
        <button
          type="button"
          className="primary-button"
          data-testid="wish-post-open"
          onClick={() => {
            setNotice(null);
            setPicked(null);
            setPosting(true);
          }}
        >
          {t('panel.post')}
        </button>
      )}
      {posting && (
        <WishForm
          picked={picked}
          onPicked={setPicked}
          onCancel={() => setPosting(false)}
          onPosted={(wish) => {
            setPosting(false);
            setNotice({ text: t('form.posted', { title: wish.title }), error: false });
            setFocus(wish.position);
            if (status !== '' && status !== 'open') setStatus('open');
            reload();
          }}
        />
      )}
      <label className="field wish-filter">
        <span>{t('panel.status')}</span>
        <select value={status} data-testid="wish-status-filter" onChange={(e) => setStatus(e.target.value as WishStatus | '')}>
          <option value="">{t('panel.all')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {list.status === 'error' && (
        <p className="form-error" role="alert">
          {t('panel.failed', { message: list.message ?? '' })}
        </p>
      )}
      {list.status === 'loading' && list.wishes.length === 0 && <p className="muted">{t('panel.loading')}</p>}
      {list.status === 'done' && list.wishes.length === 0 && <p className="muted">{t('panel.empty')}</p>}
      <ul className="wish-list" data-testid="wish-list" data-state={list.status}>
        {list.wishes.map((w) => (
          <li key={w.id} className="wish-row" data-testid="wish-row" data-wish-id={w.id} data-status={w.status}>
            <button type="button" className="wish-row-main" onClick={() => show(w)} title={t('panel.show')}>
              <span className="wish-row-title">
                <strong>{w.title}</strong> <WishStatusBadge status={w.status} />
              </span>
              <small className="muted">
                {w.place?.name ?? w.area_name} · {t('panel.postedAt', { time: shortDateTime(w.posted_at, i18n.language) })}
              </small>
              {w.resident_name && <small>{t('panel.resident', { name: w.resident_name })}</small>}
              {w.claimed_by && <small>{t('panel.claimedBy', { name: w.claimed_by.name })}</small>}
            </button>
            {manage && (w.status === 'open' || w.status === 'claimed') && (
              <WithdrawButton
                wish={w}
                onDone={(error) => {
                  setNotice(error ? { text: error, error: true } : null);
                  if (!error) reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {list.next !== null && (
        <button type="button" className="secondary-button" onClick={list.more} disabled={list.status === 'loading'}>
          {t('panel.loadMore')}
        </button>
      )}
    </div>
  );
}
