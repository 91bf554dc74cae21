import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort } from '../api/http.ts';
import { fetchOrgs } from '../api/orgs.api.ts';
import type { OrgSummary } from '../api/contract.ts';
import { useDebounced } from '../dispatch/use-debounced.ts';

export interface OrgPickerProps {
  value: OrgSummary | null;
  onChange: (org: OrgSummary | null) => void;
  /** left out of the choices (the organization itself) */
  excludeId?: number;
  testId: string;
}

/** Pick an open organization of the caller's scope by typing part of its name (or its secretary's). */
export function OrgPicker({ value, onChange, excludeId, testId }: OrgPickerProps) {
  const { t } = useTranslation('registry');
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 250);
  const [found, setFound] = useState<OrgSummary[]>([]);
  useEffect(() => {
    if (settled === '') {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    fetchOrgs({ q: settled, status: 'open', limit: 20 }, controller.signal).then(
      (answer) => setFound(answer.orgs.filter((org) => org.id !== excludeId)),
      (error: unknown) => {
        if (!isAbort(error)) setFound([]);
      },
    );
    return () => controller.abort();
  }, [settled, excludeId]);

  if (value) {
    return (
      <span className="org-picked" data-testid={`${testId}-picked`}>
        <strong>{value.name}</strong> <span className="muted">{value.area_name}</span>
        <button type="button" className="link-button" onClick={() => onChange(null)}>
          {t('cancel')}
        </button>
      </span>
    );
  }
  return (
    <span className="org-picker">
      <input type="search" value={q} onChange={(event) => setQ(event.target.value)} placeholder={t('tree.search')} data-testid={testId} />
      {found.length > 0 && (
        <ul className="org-picker-results" role="listbox">
          {found.map((org) => (
            <li key={org.id}>
              <button type="button" role="option" aria-selected="false" onClick={() => onChange(org)} data-testid={`${testId}-option`} data-org-id={org.id}>
                {org.name} <small className="muted">{org.area_name}</small>
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
