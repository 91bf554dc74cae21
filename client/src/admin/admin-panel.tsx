import type { ReactNode } from 'react';

export interface AdminPanelProps {
  /** the heading's id, which names the section */
  id: string;
  title: string;
  intro: string;
  testId: string;
  children: ReactNode;
}

/** One panel of the administration page: its heading, a line on what it is for, then its content. */
export function AdminPanel({ id, title, intro, testId, children }: AdminPanelProps) {
  return (
    <section className="panel admin-panel" aria-labelledby={id} data-testid={testId}>
      <header className="panel-header">
        <h2 id={id}>{title}</h2>
      </header>
      <p className="admin-intro muted">{intro}</p>
      {children}
    </section>
  );
}
