import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/contract.ts';
import type { OneMapHost } from './one-map-tool.ts';
import { oneMapTools } from './tools.ts';

/** The tool tabs (示范带, 两新覆盖, 结对共建, 微心愿 …) the user may use, and the open tool's panel. */
export function ToolTabs({ user, open, onOpen }: { user: SessionUser; open: string | null; onOpen: (tool: string | null) => void }) {
  const { t } = useTranslation('oneMap');
  const tools = oneMapTools.filter((tool) => tool.allowed(user));
  if (tools.length === 0) return null;
  return (
    <nav className="one-map-tools" aria-label={t('tools.title')}>
      {tools.map((tool) => (
        <button
          key={tool.id}
          type="button"
          data-testid={`tool-tab-${tool.id}`}
          aria-pressed={open === tool.id}
          onClick={() => onOpen(open === tool.id ? null : tool.id)}
        >
          {t(tool.labelKey as 'tools.title')}
        </button>
      ))}
    </nav>
  );
}

export function ToolPanel({ user, id, host, onClose }: { user: SessionUser; id: string; host: OneMapHost; onClose: () => void }) {
  const { t } = useTranslation('oneMap');
  const tool = oneMapTools.find((x) => x.id === id && x.allowed(user));
  if (!tool) return null;
  return (
    <aside className="panel tool-panel" data-testid={`tool-${tool.id}`}>
      <header className="panel-header">
        <h2>{t(tool.labelKey as 'tools.title')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('tools.close')}>
          ×
        </button>
      </header>
      <Suspense fallback={<p className="muted">…</p>}>
        <tool.Panel host={host} user={user} />
      </Suspense>
    </aside>
  );
}
