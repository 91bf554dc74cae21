import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberWish } from '../api/contract.ts';
import { networkErrorCode } from '../api/http.ts';
import { shortDateTime } from '../dispatch/format-time.ts';
import { useDistanceText } from '../locate/distance.tsx';
import { WishStatusBadge } from './status-badge.tsx';
import { useMemberWishes, type WishAction } from './use-member-wishes.ts';
import '../styles/wishes.css';

const knownErrors = ['wish_taken', 'wish_not_open', 'wish_not_claimed', 'member_left'] as const;
type KnownError = (typeof knownErrors)[number];
const isKnown = (code: string): code is KnownError => (knownErrors as readonly string[]).includes(code);

function WishMeta({ wish }: { wish: MemberWish }) {
  const { t } = useTranslation('wishes');
  const distance = useDistanceText();
  return (
    <p className="wish-meta">
      {wish.place} · {t('member.distance', { distance: distance(wish.distance_m) })}
      {wish.resident && <> · {t('member.resident', { resident: wish.resident })}</>}
    </p>
  );
}

function NearbyWish({ wish, action, onClaim }: { wish: MemberWish; action: WishAction; onClaim: () => void }) {
  const { t } = useTranslation('wishes');
  const claiming = action?.kind === 'claim' && action.id === wish.id;
  return (
    <article className="wish-card" data-testid="wish-nearby" data-wish-id={wish.id}>
      <h3>{wish.title}</h3>
      <WishMeta wish={wish} />
      {wish.detail && <p className="wish-detail">{wish.detail}</p>}
      <button type="button" className="member-button wish-claim" data-testid="wish-claim" disabled={action !== null} onClick={onClaim}>
        {claiming ? t('member.claiming') : t('member.claim')}
      </button>
    </article>
  );
}

function OwnWish({ wish, action, onFulfil }: { wish: MemberWish; action: WishAction; onFulfil: (note: string) => Promise<boolean> }) {
  const { t, i18n } = useTranslation('wishes');
  const [writing, setWriting] = useState(false);
  const [note, setNote] = useState('');
  const sending = action?.kind === 'fulfil' && action.id === wish.id;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onFulfil(note.trim()).then((done) => {
      if (done) setWriting(false);
    });
  };
  return (
    <article className={`wish-card own wish-${wish.status}`} data-testid="wish-mine" data-wish-id={wish.id} data-status={wish.status}>
      <div className="wish-card-head">
        <h3>{wish.title}</h3>
        <WishStatusBadge status={wish.status} />
      </div>
      <WishMeta wish={wish} />
      {wish.status === 'claimed' && wish.claimed_at && (
        <p className="wish-meta">{t('member.claimedOn', { time: shortDateTime(wish.claimed_at, i18n.language) })}</p>
      )}
      {wish.status === 'claimed' && !writing && (
        <button type="button" className="member-button wish-fulfil" data-testid="wish-fulfil" disabled={action !== null} onClick={() => setWriting(true)}>
          {t('member.fulfil')}
        </button>
      )}
      {wish.status === 'claimed' && writing && (
        <form className="wish-fulfil-form" onSubmit={submit}>
          <label>
            <span>{t('member.note')}</span>
            <textarea
              value={note}
              rows={3}
              maxLength={500}
              required
              placeholder={t('member.notePlaceholder')}
              data-testid="wish-note"
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="wish-fulfil-actions">
            <button type="submit" className="member-button wish-fulfil" data-testid="wish-fulfil-submit" disabled={action !== null || note.trim() === ''}>
              {sending ? t('member.sending') : t('member.submit')}
            </button>
            <button type="button" className="member-button decline" disabled={sending} onClick={() => setWriting(false)}>
              {t('member.cancel')}
            </button>
          </div>
        </form>
      )}
      {wish.status === 'fulfilled' && (
        <>
          {wish.fulfilled_at && <p className="wish-meta">{t('member.fulfilledOn', { time: shortDateTime(wish.fulfilled_at, i18n.language) })}</p>}
          {wish.fulfilment_note && <p className="wish-note">{wish.fulfilment_note}</p>}
          {wish.points !== null && (
            <p className="wish-earned" data-testid="wish-earned">
              {t('member.earned', { points: wish.points })}
            </p>
          )}
        </>
      )}
    </article>
  );
}

/**
 * 微心愿 on the member's page (`/m/{token}`): their points, what they claimed (完成心愿 with a note:
 * the points grow at once) and the open wishes near their home, nearest first (认领). On a personal
 * link it is the whole page; on an alert's, it follows the alert.
 */
export function MemberWishes({ token, personal }: { token: string; personal: boolean }) {
  const { t, i18n } = useTranslation('wishes');
  const distance = useDistanceText();
  const { state, action, actionError, claim, fulfil, retry } = useMemberWishes(token);

  if (state.status === 'loading') return <p className={`muted ${personal ? 'member-message' : ''}`}>{t('member.loading')}</p>;
  if (state.status === 'error') {
    return (
      <section className="member-wishes" data-testid="member-wishes-error">
        <p className="form-error" role="alert">
          {t('member.loadFailed', { message: state.code === networkErrorCode ? '' : state.message })}
        </p>
        <button type="button" className="member-button decline" onClick={retry}>
          {t('member.retry')}
        </button>
      </section>
    );
  }
  const { view } = state;
  const errorText = actionError && (isKnown(actionError.code) ? t(`member.errors.${actionError.code}`) : t('member.failed', { message: actionError.message }));
  return (
    <section className="member-wishes" data-testid="member-wishes" aria-label={t('tool.label')}>
      {personal && (
        <p className="member-intro">
          <strong>{t('member.greeting', { name: view.member.name })}</strong>
          {t('member.intro')}
        </p>
      )}
      <div className="wish-points" data-testid="member-points" data-points={view.member.points}>
        <span>{t('member.points')}</span>
        <strong data-testid="member-points-value">{view.member.points}</strong>
        {view.points_per_wish > 0 && <small>{t('member.perWish', { points: view.points_per_wish })}</small>}
      </div>
      {errorText && (
        <p className="form-error" role="alert" data-testid="wish-action-error" data-code={actionError?.code}>
          {errorText}
        </p>
      )}
      {view.mine.length > 0 && (
        <>
          <h2 className="wish-heading">{t('member.mine')}</h2>
          <div className="wish-cards" data-testid="wish-mine-list">
            {view.mine.map((w) => (
              <OwnWish key={w.id} wish={w} action={action} onFulfil={(note) => fulfil(w.id, note)} />
            ))}
          </div>
        </>
      )}
      <h2 className="wish-heading">{t('member.nearby')}</h2>
      <p className="muted wish-hint">{t('member.nearbyHint', { radius: distance(view.radius_m) })}</p>
      <div className="wish-cards" data-testid="wish-nearby-list">
        {view.nearby.length === 0 && <p className="muted">{t('member.nearbyEmpty')}</p>}
        {view.nearby.map((w) => (
          <NearbyWish key={w.id} wish={w} action={action} onClaim={() => claim(w.id)} />
        ))}
      </div>
      {personal && <p className="member-expires muted">{t('member.expires', { time: shortDateTime(view.expires_at, i18n.language) })}</p>}
    </section>
  );
}
