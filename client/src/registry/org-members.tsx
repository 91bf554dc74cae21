import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort } from '../api/http.ts';
import type { MemberSummary } from '../api/contract.ts';
import { fetchMembers, type MemberFilter } from '../api/registry-members.api.ts';
import { Stars } from '../dispatch/stars.tsx';
import { Link } from '../shell/link.tsx';
import { registryPaths } from './registry-route.ts';

export interface PagedMembers {
  members: MemberSummary[];
  more: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
}

/** A member list that pages on with "load more" (keyset: `after` the last id); a new filter starts over. */
export function usePagedMembers(filter: MemberFilter | null, pageSize: number): PagedMembers {
  const [members, setMembers] = useState<MemberSummary[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [after, setAfter] = useState<number | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(filter);
  useEffect(() => {
    setMembers([]);
    setAfter(undefined);
  }, [key]);
  useEffect(() => {
    if (filter === null) return;
    const controller = new AbortController();
    setLoading(true);
    fetchMembers({ ...filter, limit: pageSize, ...(after === undefined ? {} : { after }) }, controller.signal)
      .then(
        (answer) => {
          setMembers((previous) => (after === undefined ? answer.members : [...previous, ...answer.members]));
          setNext(answer.next_after);
          setError(null);
        },
        (failure: unknown) => {
          if (!isAbort(failure)) setError(failure instanceof Error ? failure.message : String(failure));
        },
      )
      .finally(() => setLoading(false));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filter is compared by its JSON
  }, [key, after, pageSize]);
  const loadMore = useCallback(() => setAfter(next ?? undefined), [next]);
  return { members, more: next !== null, loading, error, loadMore };
}

/** Members as a table: name (to the record), organization, stars, and what marks them. */
export function MemberTable({ paged, showOrg = true }: { paged: PagedMembers; showOrg?: boolean }) {
  const { t } = useTranslation('registry');
  return (
    <>
      <div className="registry-scroll">
        <table className="registry-table" data-testid="member-table">
          <thead>
            <tr>
              <th>{t('members.name')}</th>
              {showOrg && <th>{t('members.org')}</th>}
              <th>{t('members.stars')}</th>
              <th>{t('members.status')}</th>
            </tr>
          </thead>
          <tbody>
            {paged.members.map((member) => (
              <tr key={member.id} data-testid="member-row" data-member-id={member.id}>
                <td>
                  <Link href={registryPaths.member(member.id)} data-testid="member-link">
                    {member.name}
                  </Link>
                </td>
                {showOrg && <td>{member.org.name}</td>}
                <td>
                  <Stars count={member.stars} />
                </td>
                <td className="member-marks">
                  {member.left_on && <span className="tag">{t('members.left')}</span>}
                  {member.in_service && <span className="tag soft">{t('members.inService')}</span>}
                  {member.registration_community && <span className="tag soft">{t('member.registration')}</span>}
                  {member.mobile && <span className="tag soft">{t('members.mobile')}</span>}
                  {!member.available && <span className="tag grey">{t('members.unavailable')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {paged.error && <p className="form-error">{paged.error}</p>}
      {!paged.loading && paged.members.length === 0 && !paged.error && <p className="muted registry-empty">{t('empty')}</p>}
      {paged.more && (
        <button type="button" className="secondary-button load-more" onClick={paged.loadMore} disabled={paged.loading} data-testid="members-more">
          {paged.loading ? t('loading') : t('loadMore')}
        </button>
      )}
    </>
  );
}
