import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/contract.ts';
import { endSession } from '../session/session.store.ts';
import { signInPath } from '../session/next-path.ts';
import { navigate } from './navigation.ts';

/** The signed-in user's name, their roles with the area each is held over, and 退出登录. */
export function UserMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);
  const grants = user.grants.map((grant) => t('user.grant', { role: t(`role.${grant.role}`), scope: grant.scope_name }));

  const signOut = () => {
    setSigningOut(true);
    setSignOutFailed(false);
    endSession().then(
      () => navigate(signInPath, { replace: true }),
      (error: unknown) => {
        console.warn('sign-out failed', error);
        setSigningOut(false);
        setSignOutFailed(true);
      },
    );
  };

  return (
    <div className="user-menu">
      <div className="user-identity" title={`${user.username}\n${grants.join('\n')}`}>
        <span className="user-name" data-testid="user-name">
          {user.display_name}
        </span>
        <span className="user-roles" aria-label={t('user.roles')} data-testid="user-roles">
          {grants.join('，')}
        </span>
      </div>
      {signOutFailed && (
        <span className="top-bar-error" role="alert" data-testid="sign-out-error">
          {t('user.signOutFailed')}
        </span>
      )}
      <button type="button" className="top-bar-button" onClick={signOut} disabled={signingOut} data-testid="sign-out">
        {t('user.signOut')}
      </button>
    </div>
  );
}
