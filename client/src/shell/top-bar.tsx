import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/contract.ts';
import { canPlan } from '../planner/plan-roles.ts';
import { canReadRegistry } from '../registry/registry-roles.ts';
import { canDispatch, isAdmin } from '../session/roles.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { Link } from './link.tsx';
import { useLocation } from './navigation.ts';
import { UserMenu } from './user-menu.tsx';

function NavLink({ href, testId, children }: { href: string; testId: string; children: string }) {
  const { pathname } = useLocation();
  const current = pathname === href || (href !== '/' && pathname.startsWith(`${href}/`));
  return (
    <Link href={href} className="nav-link" aria-current={current ? 'page' : undefined} data-testid={testId}>
      {children}
    </Link>
  );
}

/**
 * Brand, the pages this user may open, the user menu and the language switch; `user` is null before
 * sign-in. Under 600 px the pages, the user menu and the language switch fold into a menu (菜单).
 */
export function TopBar({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <header className={menuOpen ? 'top-bar menu-open' : 'top-bar'}>
      <Link className="brand" href="/">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name" data-testid="app-name">
          {t('app.name')}
        </span>
        <span className="brand-subtitle">{t('app.subtitle')}</span>
      </Link>
      <button
        type="button"
        className="menu-button"
        aria-expanded={menuOpen}
        aria-controls="top-bar-menu"
        aria-label={t('nav.menu')}
        onClick={() => setMenuOpen((open) => !open)}
        data-testid="nav-menu-button"
      >
        <span className="menu-icon" aria-hidden="true" />
      </button>
      <div className="top-bar-menu" id="top-bar-menu">
        {user && (
          <nav className="top-nav" aria-label={t('nav.label')}>
            <NavLink href="/" testId="nav-map">
              {t('nav.map')}
            </NavLink>
            {canDispatch(user) && (
              <NavLink href="/dispatch" testId="nav-dispatch">
                {t('nav.dispatch')}
              </NavLink>
            )}
            {canPlan(user) && (
              <NavLink href="/planner" testId="nav-planner">
                {t('nav.planner')}
              </NavLink>
            )}
            {canReadRegistry(user) && (
              <NavLink href="/registry" testId="nav-registry">
                {t('nav.registry')}
              </NavLink>
            )}
            {isAdmin(user) && (
              <NavLink href="/audit" testId="nav-audit">
                {t('nav.audit')}
              </NavLink>
            )}
            {isAdmin(user) && (
              <NavLink href="/admin" testId="nav-admin">
                {t('nav.admin')}
              </NavLink>
            )}
          </nav>
        )}
        <div className="top-bar-end">
          {user && <UserMenu user={user} />}
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
