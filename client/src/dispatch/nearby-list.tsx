import { useTranslation } from 'react-i18next';
import type { NearbyMember } from '../api/contract.ts';
import type { ApiError } from '../api/http.ts';
import { Distance, useDistanceText } from '../locate/distance.tsx';
import { SkillList } from './skill-list.tsx';
import { Stars } from './stars.tsx';

export interface NearbyListProps {
  /** Nearest first, as the server ranks them; null while loading. */
  members: readonly NearbyMember[] | null;
  error: ApiError | null;
  radius: number;
  wantedSkills: readonly string[];
  /** The server stopped at its page size: there are more members further out. */
  limited: boolean;
  /** 加派 a member by hand; absent when there is no active dispatch to add to. */
  onAdd?: (memberId: number) => void;
  busy: boolean;
}

/** 周边可调派党员: rank, 姓名, 所属党组织, 距离, 技能, 星级 (and 加派 during a dispatch). */
export function NearbyList({ members, error, radius, wantedSkills, limited, onAdd, busy }: NearbyListProps) {
  const { t } = useTranslation();
  const distanceText = useDistanceText();
  return (
    <section className="dispatch-section" data-testid="nearby-list">
      <h3 className="section-title">
        {t('dispatch.nearby.title')}
        {members && (
          <span className="count">
            {t(limited ? 'dispatch.nearby.nearest' : 'dispatch.nearby.count', { count: members.length, radius: distanceText(radius) })}
          </span>
        )}
      </h3>
      {error && (
        <p className="form-error" role="alert">
          {t('dispatch.loadFailed', { message: error.message })}
        </p>
      )}
      {!members && !error && <p className="muted">{t('dispatch.loading')}</p>}
      {members?.length === 0 && <p className="muted">{t('dispatch.nearby.empty')}</p>}
      {members && members.length > 0 && (
        <div className="table-scroll">
          <table className="member-table">
            <thead>
              <tr>
                <th className="rank">{t('dispatch.nearby.rank')}</th>
                <th>{t('dispatch.nearby.name')}</th>
                <th>{t('dispatch.nearby.org')}</th>
                <th className="num">{t('dispatch.nearby.distance')}</th>
                <th>{t('dispatch.nearby.skills')}</th>
                <th>{t('dispatch.nearby.stars')}</th>
                {onAdd && <th aria-label={t('dispatch.nearby.add')} />}
              </tr>
            </thead>
            <tbody>
              {members.map((member, index) => (
                <tr key={member.id} data-testid="nearby-row" data-member-id={member.id}>
                  <td className="rank">{index + 1}</td>
                  <td className="name">{member.name}</td>
                  <td className="org" title={member.org.name}>
                    {member.org.name}
                  </td>
                  <td className="num">
                    <Distance meters={member.distance_m} />
                  </td>
                  <td className="skills">
                    <SkillList skills={member.skills} wanted={wantedSkills} />
                  </td>
                  <td>
                    <Stars count={member.stars} />
                  </td>
                  {onAdd && (
                    <td className="action">
                      <button type="button" className="small-button" data-testid="add-member" onClick={() => onAdd(member.id)} disabled={busy}>
                        {t('dispatch.nearby.add')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
