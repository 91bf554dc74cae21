import type { ReactNode } from 'react';

/** One titled part of a record page (members, history …), with links at the heading's end. */
export function RecordSection({ title, testId, extra, children }: { title: string; testId: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="record-section" data-testid={testId} aria-label={title}>
      <header className="record-section-header">
        <h3>{title}</h3>
        {extra && <span className="record-section-extra">{extra}</span>}
      </header>
      {children}
    </section>
  );
}
