import { useTranslation } from 'react-i18next';
import type { FeedCase } from '../api/contract.ts';
import { caseKindLabel } from '../dispatch/labels.ts';
import { shortDateTime } from '../dispatch/format-time.ts';

export interface WallFeedProps {
  cases: readonly FeedCase[];
  /** Ids first seen after the page loaded: they flash once. */
  fresh: ReadonlySet<number>;
}

/** The newest cases, newest first: severity, kind, title, where and when, and the stage reached. */
export function WallFeed({ cases, fresh }: WallFeedProps) {
  const { t, i18n } = useTranslation();
  const open = cases.filter((c) => c.status !== 'closed').length;
  return (
    <section className="wall-panel wall-feed" aria-label={t('wall.feed.title')}>
      <h2 className="wall-panel-title">
        {t('wall.feed.title')}
        <span className="wall-panel-badge">{t('wall.feed.open', { count: open })}</span>
      </h2>
      {cases.length === 0 ? (
        <p className="wall-empty">{t('wall.feed.empty')}</p>
      ) : (
        <ol className="wall-feed-list" aria-live="polite">
          {cases.map((c) => (
            <li
              key={c.id}
              className={`wall-feed-item severity-${c.severity} status-${c.status}${fresh.has(c.id) ? ' is-fresh' : ''}`}
              data-testid="wall-feed-item"
              data-case-id={c.id}
            >
              <span className="wall-feed-kind">{caseKindLabel(c.kind, t)}</span>
              <span className="wall-feed-title">{c.title}</span>
              <span className="wall-feed-time">{shortDateTime(c.reported_at, i18n.resolvedLanguage ?? 'zh-CN')}</span>
              <span className="wall-feed-place">{[c.town?.name, c.community?.name].filter(Boolean).join(' · ') || '—'}</span>
              <span className="wall-feed-status">
                <span className="wall-feed-severity">{t(`severity.${c.severity}`)}</span>
                {t(`caseStatus.${c.status}`)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
