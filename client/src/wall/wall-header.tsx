import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatStamp } from './format.ts';
import type { WallConnectionState } from './use-wall-stream.ts';

export interface WallHeaderProps {
  /** The area on screen, e.g. 福城县 · 全域 or 城关镇. */
  viewName: string;
  viewIndex: number;
  viewCount: number;
  connection: WallConnectionState;
  dataChangedAt: Date | null;
  syncedAt: Date | null;
}

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Brand, the area on screen with the rotation's position, and the clock, freshness and connection. */
export function WallHeader({ viewName, viewIndex, viewCount, connection, dataChangedAt, syncedAt }: WallHeaderProps) {
  const { t, i18n } = useTranslation();
  const now = useClock();
  const language = i18n.resolvedLanguage ?? 'zh-CN';
  return (
    <header className="wall-header">
      <div className="wall-brand">
        <span className="wall-emblem" aria-hidden="true" />
        <div>
          <h1>{t('wall.title')}</h1>
          <p>{t('wall.subtitle')}</p>
        </div>
      </div>
      <div className="wall-view">
        <span className="wall-view-name" data-testid="wall-view-name">
          {viewName}
        </span>
        {viewCount > 1 && (
          <span className="wall-view-dots" aria-label={t('wall.viewOf', { index: viewIndex + 1, total: viewCount })}>
            {Array.from({ length: viewCount }, (_, i) => (
              <span key={i} className={i === viewIndex ? 'is-current' : ''} />
            ))}
          </span>
        )}
      </div>
      <div className="wall-status">
        <div className="wall-freshness">
          <span data-testid="wall-freshness">{t('wall.freshness', { time: formatStamp(dataChangedAt, language, now) })}</span>
          <span className="wall-synced">{t('wall.synced', { time: formatStamp(syncedAt, language, now) })}</span>
        </div>
        <span className={`wall-connection state-${connection}`} data-testid="wall-connection" data-state={connection} role="status">
          <span className="wall-connection-dot" aria-hidden="true" />
          {t(`wall.connection.${connection}`)}
        </span>
        <time className="wall-clock" dateTime={now.toISOString()}>
          <span className="wall-clock-time">{now.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })}</span>
          <span className="wall-clock-date">{now.toLocaleDateString(language, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' })}</span>
        </time>
      </div>
    </header>
  );
}
