import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateUserBody } from '../api/contract.ts';
import { createUser, fetchUsers } from '../api/users.api.ts';
import { areaName, type ScopeArea } from './scope-areas.ts';
import { useSession } from '../session/session.store.ts';
import { AdminPanel } from './admin-panel.tsx';
import { ScopeField } from './scope-field.tsx';
import { useFormSubmit } from './use-form-submit.ts';
import { UserSwitch } from './user-switch.tsx';
import { useLoaded } from './use-loaded.ts';

/** The roles an account can be given (a wall gets a token, not an account). */
const accountRoles = ['admin', 'planner', 'dispatcher', 'secretary'] as const satisfies readonly CreateUserBody['role'][];

type UserInputs = Omit<CreateUserBody, 'scope'> & { scope: string };
const empty: UserInputs = { username: '', display_name: '', password: '', role: 'dispatcher', scope: '' };

/** 账号: the accounts in the admin's scope with their roles, and a form to add one. */
export function UsersPanel({ areas }: { areas: readonly ScopeArea[] }) {
  const { t } = useTranslation();
  const users = useLoaded(useCallback((signal: AbortSignal) => fetchUsers(signal), []));
  const [inputs, setInputs] = useState<UserInputs>(empty);
  const [created, setCreated] = useState<string | null>(null);
  const form = useFormSubmit();
  // an admin cannot switch off their own account (the server refuses it too)
  const session = useSession();
  const selfId = session.status === 'signed-in' ? session.user.id : null;
  const set = (field: keyof UserInputs) => (event: { target: { value: string } }) => setInputs((previous) => ({ ...previous, [field]: event.target.value }));

  const submit = form.submit(
    () => createUser({ ...inputs, username: inputs.username.trim(), scope: inputs.scope || (areas[0]?.code ?? '') }),
    (user) => {
      setCreated(user.username);
      setInputs(empty);
      users.reload();
    },
  );
  const { busy, error } = form;

  return (
    <AdminPanel id="admin-users-title" title={t('admin.users.title')} intro={t('admin.users.intro')} testId="admin-users">
      <form className="admin-form" onSubmit={submit}>
        <label className="field">
          <span>{t('admin.users.username')}</span>
          <input value={inputs.username} onChange={set('username')} required autoComplete="off" data-testid="user-username" />
        </label>
        <label className="field">
          <span>{t('admin.users.displayName')}</span>
          <input value={inputs.display_name} onChange={set('display_name')} required maxLength={50} data-testid="user-display-name" />
        </label>
        <label className="field">
          <span>{t('admin.users.password')}</span>
          <input
            type="password"
            value={inputs.password}
            onChange={set('password')}
            required
            minLength={12}
            autoComplete="new-password"
            data-testid="user-password"
          />
        </label>
        <label className="field">
          <span>{t('admin.users.role')}</span>
          <select value={inputs.role} onChange={set('role')} data-testid="user-role">
            {accountRoles.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <ScopeField areas={areas} value={inputs.scope} onChange={(scope) => setInputs((previous) => ({ ...previous, scope }))} testId="user-scope" />
        <button type="submit" className="primary-button" disabled={busy || areas.length === 0} data-testid="user-create">
          {t('admin.users.create')}
        </button>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {created && (
          <p className="admin-created-line" role="status">
            {t('admin.users.created', { username: created })}
          </p>
        )}
      </form>
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.users.username')}</th>
            <th>{t('admin.users.displayName')}</th>
            <th>{t('admin.users.grants')}</th>
            <th>{t('admin.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.value ?? []).map((user) => (
            <tr key={user.id} data-testid="user-row" data-username={user.username}>
              <td>{user.username}</td>
              <td>{user.display_name}</td>
              <td>{user.grants.map((g) => t('user.grant', { role: t(`role.${g.role}`), scope: areaName(areas, g.scope) })).join('；')}</td>
              <td>{user.disabled ? t('admin.users.disabled') : t('admin.users.enabled')}</td>
              <td className="admin-actions">{user.id !== selfId && <UserSwitch user={user} onSwitched={users.reload} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {users.error && (
        <p className="form-error" role="alert">
          {users.error.message}
        </p>
      )}
    </AdminPanel>
  );
}
