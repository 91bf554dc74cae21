import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { MapPage } from './pages/map-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { TopBar } from './shell/top-bar.tsx';

function pageFor(pathname: string) {
  if (pathname === '/' || pathname === '/index.html') return <MapPage />;
  return <NotFoundPage />;
}

export function App() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t('app.title');
  }, [t, i18n.resolvedLanguage]);

  return (
    <div className="app">
      <TopBar />
      {pageFor(window.location.pathname)}
    </div>
  );
}
