import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../api/contract.ts';
import { switchUser } from '../api/users.api.ts';
import { apiErrorText } from './api-error-text.ts';

/** 停用 / 启用 an account; switching one off ends its sessions at once, so it asks first. */
export function UserSwitch({ user, onSwitched }: { user: UserView; onSwitched(): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = (disabled: boolean) => {
    setError(null);
    switchUser(user.id, disabled).then(onSwitched, (failure: unknown) => setError(apiErrorText(failure, t)));
    setConfirming(false);
  };
  return (
    <>
      {user.disabled ? (
        <button type="button" className="secondary-button" onClick={() => send(false)} data-testid="user-enable">
          {t('admin.users.enable')}
        </button>
      ) : confirming ? (
        <>
          <button type="button" className="primary-button" onClick={() => send(true)} data-testid="user-disable-confirm">
            {t('admin.users.confirmDisable')}
          </button>
          <button type="button" className="secondary-button" onClick={() => setConfirming(false)}>
            {t('admin.cancel')}
          </button>
        </>
      ) : (
        <button type="button" className="secondary-button" onClick={() => setConfirming(true)} data-testid="user-disable">
          {t('admin.users.disable')}
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
