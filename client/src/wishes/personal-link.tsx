import QRCode from 'qrcode';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issuePersonalLink } from '../api/wishes.api.ts';
import { copyText } from '../dispatch/copy-text.ts';
import { shortDateTime } from '../dispatch/format-time.ts';

type Shown = { url: string; qr: string; expiresAt: string };

/**
 * 个人链接 in a member's record (registry keepers): a link the member opens on their phone to see the
 * micro-wishes near home and their points, shown as a QR code or copied to send. Issued only when
 * asked for (each issue is audited) and forgotten when hidden.
 */
export function PersonalLink({ memberId }: { memberId: number }) {
  const { t, i18n } = useTranslation('wishes');
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const show = async () => {
    setError(null);
    try {
      const link = await issuePersonalLink(memberId);
      const url = link.url ?? `${window.location.origin}${link.path}`;
      const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
      setShown({ url, qr, expiresAt: link.expires_at });
      setCopied(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (!shown) {
    return (
      <div className="member-link">
        <button type="button" className="small-button" data-testid="personal-link-show" onClick={() => void show()}>
          {t('link.show')}
        </button>
        {error && (
          <span className="member-link-error" role="alert">
            {t('link.failed', { message: error })}
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="member-link member-link-open" data-testid="personal-link">
      <img className="member-link-qr" src={shown.qr} alt={t('link.qrAlt')} />
      <div className="member-link-side">
        <p>{t('link.hint')}</p>
        <input
          ref={input}
          className="member-link-url"
          readOnly
          value={shown.url}
          aria-label={t('link.url')}
          data-testid="personal-link-url"
          onFocus={(e) => e.currentTarget.select()}
        />
        <div className="member-link-actions">
          <button type="button" className="small-button" onClick={() => void copyText(shown.url, input.current).then(setCopied)}>
            {t('link.copy')}
          </button>
          <button type="button" className="small-button" onClick={() => setShown(null)}>
            {t('link.hide')}
          </button>
          {copied !== null && (
            <span className="muted" role="status">
              {t(copied ? 'link.copied' : 'link.copyFailed')}
            </span>
          )}
        </div>
        <p className="muted">{t('link.expires', { time: shortDateTime(shown.expiresAt, i18n.language) })}</p>
      </div>
    </div>
  );
}
