import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../api/contract.ts';
import { clockTime } from './format-time.ts';

/** The status an event moved the case to, when it moved it. */
function transition(event: CaseEvent): CaseEvent['to_status'] {
  return event.to_status !== null && event.to_status !== event.from_status ? event.to_status : null;
}

/** 事件进程: the case's events, oldest first, with the status each one reached and its note. */
export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <section className="dispatch-section" data-testid="case-timeline">
      <h3 className="section-title">{t('dispatch.timeline.title')}</h3>
      {ordered.length === 0 && <p className="muted">{t('dispatch.timeline.empty')}</p>}
      <ol className="timeline">
        {ordered.map((event) => {
          const to = transition(event);
          return (
            <li key={event.id} className={to ? 'timeline-entry transition' : 'timeline-entry'} data-testid="timeline-entry" data-event-id={event.id}>
              <time dateTime={event.at}>{clockTime(event.at, i18n.language)}</time>
              <span className="timeline-text">
                {to && <strong className={`status-tag status-${to}`}>{t(`caseStatus.${to}`)}</strong>}
                {event.note && <span>{event.note}</span>}
                {!to && !event.note && <span className="muted">—</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
