import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from './api/contract.ts';
import { memberTokenFrom } from './member/member-path.ts';
import { ForbiddenPage } from './pages/forbidden-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { canPlan, canReview } from './planner/plan-roles.ts';
import { canReadRegistry, registryRights } from './registry/registry-roles.ts';
import { SignInPage } from './pages/sign-in-page.tsx';
import { safeNextPath, signInPath, signInUrl } from './session/next-path.ts';
import { canDispatch, isAdmin } from './session/roles.ts';
import { useSession } from './session/session.store.ts';
import { navigate, useLocation } from './shell/navigation.ts';
import { SessionStatus } from './shell/session-status.tsx';
import { TopBar } from './shell/top-bar.tsx';
import { isWallPath } from './wall/wall-params.ts';

// every screen is a chunk of its own, loaded when it is opened: the wall's charts and tile layers,
// the planner's drawing library, the dispatch console, the audit log, a member's phone page
const WallPage = lazy(() => import('./wall/wall-page.tsx'));
const PlannerPage = lazy(() => import('./planner/planner-page.tsx'));
const MapPage = lazy(() => import('./pages/map-page.tsx').then((m) => ({ default: m.MapPage })));
const DispatchPage = lazy(() => import('./pages/dispatch-page.tsx').then((m) => ({ default: m.DispatchPage })));
const AuditPage = lazy(() => import('./pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const MemberPage = lazy(() => import('./pages/member-page.tsx').then((m) => ({ default: m.MemberPage })));
const RegistryPage = lazy(() => import('./registry/registry-page.tsx'));
const AdminPage = lazy(() => import('./pages/admin-page.tsx').then((m) => ({ default: m.AdminPage })));

function pageFor(pathname: string, user: SessionUser) {
  if (pathname === '/' || pathname === '/index.html') return <MapPage />;
  if (pathname === '/audit') return isAdmin(user) ? <AuditPage /> : <ForbiddenPage />;
  if (pathname === '/admin') return isAdmin(user) ? <AdminPage /> : <ForbiddenPage />;
  if (pathname === '/dispatch') return canDispatch(user) ? <DispatchPage /> : <ForbiddenPage />;
  if (pathname === '/registry' || pathname.startsWith('/registry/')) {
    return canReadRegistry(user) ? <RegistryPage rights={registryRights(user)} /> : <ForbiddenPage />;
  }
  if (pathname === '/planner') return canPlan(user) ? <PlannerPage canEdit={canPlan(user)} canReview={canReview(user)} /> : <ForbiddenPage />;
  return <NotFoundPage />;
}

/**
 * Routes on the session: signed out anywhere but /sign-in → /sign-in?next=<here>; signed in on
 * /sign-in → `next` (same-origin only) or the map.
 */
function useSessionRedirects(status: string, pathname: string, search: string): void {
  useEffect(() => {
    if (status === 'signed-out' && pathname !== signInPath) {
      navigate(signInUrl(pathname + search), { replace: true });
    } else if (status === 'signed-in' && pathname === signInPath) {
      navigate(safeNextPath(new URLSearchParams(search).get('next')), { replace: true });
    }
  }, [status, pathname, search]);
}

/**
 * The app: a member's alert page (`/m/{token}`) or the command-center wall (`/wall`), both with no
 * session and no top bar, or the signed-in app.
 */
export function App() {
  const { pathname } = useLocation();
  if (isWallPath(pathname)) {
    return (
      <Suspense fallback={<div className="wall-boot" />}>
        <WallPage />
      </Suspense>
    );
  }
  const token = memberTokenFrom(pathname);
  return token === null ? (
    <SignedInApp />
  ) : (
    <Suspense fallback={null}>
      <MemberPage token={token} />
    </Suspense>
  );
}

function SignedInApp() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t, i18n.resolvedLanguage]);

  const { pathname, search } = useLocation();
  const session = useSession();
  useSessionRedirects(session.status, pathname, search);

  const user = session.status === 'signed-in' ? session.user : null;
  let page;
  if (pathname === signInPath) page = <SignInPage />;
  else if (user) page = pageFor(pathname, user);
  else page = <SessionStatus unavailable={session.status === 'unavailable'} />;

  return (
    <div className="app">
      <TopBar user={pathname === signInPath ? null : user} />
      <Suspense fallback={null}>{page}</Suspense>
    </div>
  );
}
