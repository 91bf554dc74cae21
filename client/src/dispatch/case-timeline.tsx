import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../api/contract.ts';
import { clockTime } from './format-time.ts';

/** The status an event moved the case to, when it moved it. */
function transition(event: CaseEvent): CaseEvent['to_status'] {
  return event.to_status !== null && event.to_status !== event.from_status ? event.to_status : null;
}

/**
 * The note with the member's name for their id (`党员 #7786 接受` → `党员 张强兵 接受`). Names come
 * from the dispatch view, which only roles that manage dispatches can read; others keep the id.
 */
function noteText(event: CaseEvent, memberNames: ReadonlyMap<number, string>): string | null {
  const id = event.data.member_id;
  const name = typeof id === 'number' || typeof id === 'string' ? memberNames.get(Number(id)) : undefined;
  return event.note && name ? event.note.replace(`#${id}`, name) : event.note;
}

/** 事件进程: the case's events, oldest first, with the status each one reached and its note. */
export function CaseTimeline({ events, memberNames }: { events: readonly CaseEvent[]; memberNames: ReadonlyMap<number, string> }) {
  const { t, i18n } = useTranslation();
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <section className="dispatch-section" data-testid="case-timeline">
      <h3 className="section-title">{t('dispatch.timeline.title')}</h3>
      {ordered.length === 0 && <p className="muted">{t('dispatch.timeline.empty')}</p>}
      <ol className="timeline">
        {ordered.map((event) => {
          const to = transition(event);
          const note = noteText(event, memberNames);
          return (
            <li key={event.id} className={to ? 'timeline-entry transition' : 'timeline-entry'} data-testid="timeline-entry" data-event-id={event.id}>
              <time dateTime={event.at}>{clockTime(event.at, i18n.language)}</time>
              <span className="timeline-text">
                {to && <strong className={`status-tag status-${to}`}>{t(`caseStatus.${to}`)}</strong>}
                {note && <span>{note}</span>}
                {!to && !note && <span className="muted">—</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
