import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { initI18n } from './i18n/index.ts';
import { memberTokenFrom } from './member/member-path.ts';
import { checkSession } from './session/session.store.ts';
import './styles/app.css';
import { isWallPath } from './wall/wall-params.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A member's alert link and the wall's token are their own credentials: those pages never ask for (or end) a session.
const { pathname } = window.location;
if (memberTokenFrom(pathname) === null && !isWallPath(pathname)) void checkSession();
void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
