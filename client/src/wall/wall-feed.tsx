import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FeedCase } from '../api/contract.ts';
import { caseKindLabel, caseKinds } from '../dispatch/labels.ts';
import { shortDateTime } from '../dispatch/format-time.ts';

export interface WallFeedProps {
  /** The newest cases of the area on screen, newest first. */
  cases: readonly FeedCase[];
  /** Ids first seen after the page loaded: they flash once. */
  fresh: ReadonlySet<number>;
  /** The area on screen, named in the title. */
  areaName: string;
  /** Its open cases, the same figure as the key figure 未结案事件 (the list shows only the newest). */
  openCount: number | null;
}

/** A kind reported elsewhere (not one of the form's) reads 其他事件, not its identifier. */
function kindLabel(kind: string, t: TFunction): string {
  return (caseKinds as readonly string[]).includes(kind) ? caseKindLabel(kind, t) : t('wall.feed.otherKind');
}

/** The newest cases, newest first: severity, kind, title, where and when, and the stage reached. */
export function WallFeed({ cases, fresh, areaName, openCount }: WallFeedProps) {
  const { t, i18n } = useTranslation();
  const title = t('wall.feed.title', { area: areaName });
  return (
    <section className="wall-panel wall-feed" aria-label={title}>
      <h2 className="wall-panel-title">
        <span data-testid="wall-feed-title">{title}</span>
        {openCount !== null && (
          <span className="wall-panel-badge" data-testid="wall-feed-open">
            {t('wall.feed.open', { count: openCount })}
          </span>
        )}
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
              <span className="wall-feed-kind">{kindLabel(c.kind, t)}</span>
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
