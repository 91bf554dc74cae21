import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { initI18n } from './i18n/index.ts';
import { memberTokenFrom } from './member/member-path.ts';
import { checkSession } from './session/session.store.ts';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A member's alert link is its own credential: that page never asks for (or ends) a session.
if (memberTokenFrom(window.location.pathname) === null) void checkSession();
void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
