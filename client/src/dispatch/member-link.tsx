import QRCode from 'qrcode';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchMemberLink } from '../api/dispatch.api.ts';
import { copyText } from './copy-text.ts';
import { shortDateTime } from './format-time.ts';

type Shown = { url: string; qr: string; expiresAt: string };

/**
 * An exercise (演练) with no SMS gateway: the dispatcher shows an alerted member their link as a QR
 * code to scan, or copies it to send. The link is fetched only when asked for (each read is audited)
 * and forgotten when hidden.
 */
export function MemberLink({ dispatchId, memberId }: { dispatchId: number; memberId: number }) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const show = async () => {
    setError(null);
    try {
      const link = await fetchMemberLink(dispatchId, memberId);
      const url = link.url ?? `${window.location.origin}${link.path}`;
      const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
      setShown({ url, qr, expiresAt: link.expires_at });
      setCopied(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const copy = async () => {
    if (shown) setCopied(await copyText(shown.url, input.current));
  };

  if (!shown) {
    return (
      <div className="member-link">
        <button type="button" className="small-button" data-testid="member-link-show" onClick={() => void show()}>
          {t('dispatch.link.show')}
        </button>
        {error && (
          <span className="member-link-error" role="alert">
            {t('dispatch.link.failed', { message: error })}
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="member-link member-link-open" data-testid="member-link">
      <img className="member-link-qr" src={shown.qr} alt={t('dispatch.link.qrAlt')} data-testid="member-link-qr" />
      <div className="member-link-side">
        <p>{t('dispatch.link.hint')}</p>
        <input
          ref={input}
          className="member-link-url"
          readOnly
          value={shown.url}
          aria-label={t('dispatch.link.url')}
          data-testid="member-link-url"
          onFocus={(e) => e.currentTarget.select()}
        />
        <div className="member-link-actions">
          <button type="button" className="small-button" data-testid="member-link-copy" onClick={() => void copy()}>
            {t('dispatch.link.copy')}
          </button>
          <button type="button" className="small-button" data-testid="member-link-hide" onClick={() => setShown(null)}>
            {t('dispatch.link.hide')}
          </button>
          {copied !== null && (
            <span className="muted" role="status">
              {t(copied ? 'dispatch.link.copied' : 'dispatch.link.copyFailed')}
            </span>
          )}
        </div>
        <p className="muted">{t('dispatch.link.expires', { time: shortDateTime(shown.expiresAt, i18n.language) })}</p>
      </div>
    </div>
  );
}
