import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedWallToken, WallTokenView } from '../api/contract.ts';
import { createWallToken, fetchWallTokens, revokeWallToken } from '../api/wall-tokens.api.ts';
import { shortDateTime } from '../dispatch/format-time.ts';
import { apiErrorText } from './api-error-text.ts';
import { areaName, type ScopeArea } from './scope-areas.ts';
import { AdminPanel } from './admin-panel.tsx';
import { ScopeField } from './scope-field.tsx';
import { useFormSubmit } from './use-form-submit.ts';
import { useLoaded } from './use-loaded.ts';

/** The wall's address with its token in the fragment, which no server log sees. */
const wallLink = (token: string) => `${window.location.origin}/wall#token=${encodeURIComponent(token)}`;

function TokenRow({ token, areas, onRevoked }: { token: WallTokenView; areas: readonly ScopeArea[]; onRevoked: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-CN';
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoke = () => {
    revokeWallToken(token.id).then(onRevoked, (failure: unknown) => setError(apiErrorText(failure, t)));
  };
  return (
    <tr data-testid="wall-token-row" data-token-id={token.id} data-revoked={token.revoked_at !== null}>
      <td>{token.name}</td>
      <td>{areaName(areas, token.scope)}</td>
      <td>{shortDateTime(token.created_at, language)}</td>
      <td>{token.last_used_at ? shortDateTime(token.last_used_at, language) : t('admin.never')}</td>
      <td>
        {token.revoked_at ? (
          <span className="admin-status is-revoked">{t('admin.tokens.revokedAt', { time: shortDateTime(token.revoked_at, language) })}</span>
        ) : (
          <span className="admin-status is-active">{t('admin.tokens.active')}</span>
        )}
      </td>
      <td className="admin-actions">
        {token.revoked_at === null && !confirming && (
          <button type="button" className="secondary-button" onClick={() => setConfirming(true)} data-testid="wall-token-revoke">
            {t('admin.tokens.revoke')}
          </button>
        )}
        {token.revoked_at === null && confirming && (
          <>
            <button type="button" className="primary-button" onClick={revoke} data-testid="wall-token-revoke-confirm">
              {t('admin.tokens.confirmRevoke')}
            </button>
            <button type="button" className="secondary-button" onClick={() => setConfirming(false)}>
              {t('admin.cancel')}
            </button>
          </>
        )}
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}

/** 大屏令牌: create one for a wall (its link shown once), list them, revoke one. */
export function WallTokensPanel({ areas }: { areas: readonly ScopeArea[] }) {
  const { t } = useTranslation();
  const tokens = useLoaded(useCallback((signal: AbortSignal) => fetchWallTokens(signal), []));
  const [name, setName] = useState('');
  const [scope, setScope] = useState('');
  const [created, setCreated] = useState<CreatedWallToken | null>(null);
  const form = useFormSubmit();

  const submit = form.submit(
    () => createWallToken({ name: name.trim(), scope: scope || (areas[0]?.code ?? '') }),
    (token) => {
      setCreated(token);
      setName('');
      tokens.reload();
    },
  );
  const { busy, error } = form;

  return (
    <AdminPanel id="admin-tokens-title" title={t('admin.tokens.title')} intro={t('admin.tokens.intro')} testId="admin-wall-tokens">
      <form className="admin-form" onSubmit={submit}>
        <label className="field">
          <span>{t('admin.tokens.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            placeholder={t('admin.tokens.namePlaceholder')}
            data-testid="wall-token-name"
          />
        </label>
        <ScopeField areas={areas} value={scope} onChange={setScope} testId="wall-token-scope" />
        <button type="submit" className="primary-button" disabled={busy || areas.length === 0} data-testid="wall-token-create">
          {t('admin.tokens.create')}
        </button>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {created && (
        <div className="admin-created" role="status" data-testid="wall-token-created">
          <strong>{t('admin.tokens.createdTitle', { name: created.name })}</strong>
          <code data-testid="wall-token-link">{wallLink(created.token)}</code>
          <span className="muted">{t('admin.tokens.createdHint')}</span>
        </div>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.tokens.name')}</th>
            <th>{t('admin.scope')}</th>
            <th>{t('admin.createdAt')}</th>
            <th>{t('admin.tokens.lastUsed')}</th>
            <th>{t('admin.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tokens.value ?? []).map((token) => (
            <TokenRow key={token.id} token={token} areas={areas} onRevoked={tokens.reload} />
          ))}
        </tbody>
      </table>
      {tokens.value?.length === 0 && <p className="muted admin-empty">{t('admin.tokens.empty')}</p>}
      {tokens.error && (
        <p className="form-error" role="alert">
          {tokens.error.message}
        </p>
      )}
    </AdminPanel>
  );
}
