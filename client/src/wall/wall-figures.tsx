import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StatsSummary } from '../api/contract.ts';
import { formatCount, formatDuration, formatMeters, formatRate } from './format.ts';

interface Figure {
  id: string;
  label: string;
  value: string;
  /** Lines under the value, each on its own line: wrapped, never cut short. */
  sub: string[];
  /** Draws the value in the warning colour. */
  alert?: boolean;
  accent?: 'red' | 'gold' | 'teal' | 'blue';
}

function figuresOf(s: StatsSummary, t: TFunction, tw: TFunction<'wishes'>, language: string): Figure[] {
  const n = (v: number | null | undefined) => formatCount(v, language);
  const positionsByKind = s.service_positions.by_kind;
  const settings = s.coverage_settings;
  return [
    {
      id: 'members',
      label: t('wall.figures.members'),
      value: n(s.members.total),
      sub: [t('wall.figures.membersMobile', { mobile: n(s.members.mobile) }), t('wall.figures.membersInService', { inService: n(s.members.in_service) })],
      accent: 'red',
    },
    {
      id: 'available',
      label: t('wall.figures.available'),
      value: n(s.members.available),
      sub: [t('wall.figures.availableSub', { skilled: n(s.members.skilled) })],
      accent: 'gold',
    },
    {
      id: 'organizations',
      label: t('wall.figures.organizations'),
      value: n(s.organizations.total),
      sub: [
        t('wall.figures.organizationsCommittee', { committee: n(s.organizations.by_kind['committee'] ?? 0) }),
        t('wall.figures.organizationsBranch', { branch: n(s.organizations.by_kind['branch'] ?? 0) }),
      ],
    },
    {
      id: 'positions',
      label: t('wall.figures.positions'),
      value: n(s.service_positions.total),
      sub: [
        t('wall.figures.positionsSub', {
          centers: n((positionsByKind['service_center'] ?? 0) + (positionsByKind['service_station'] ?? 0)),
        }),
      ],
    },
    {
      id: 'coverage',
      label: t('wall.figures.coverage'),
      value: formatRate(s.new_orgs.coverage_rate, language),
      sub: [t('wall.figures.coverageSub', { formation: formatRate(s.new_orgs.formation_rate, language) })],
      accent: 'teal',
    },
    {
      id: 'cases',
      label: t('wall.figures.cases'),
      value: n(s.cases.open),
      sub: [t('wall.figures.casesOverdue', { overdue: n(s.cases.overdue) }), t('wall.figures.casesToday', { today: n(s.cases.reported_today) })],
      alert: s.cases.overdue > 0,
    },
    {
      id: 'first-accept',
      label: t('wall.figures.firstAccept'),
      value: formatDuration(s.dispatch.median_first_accept_s, t),
      sub: [t('wall.figures.firstAcceptPeriod'), t('wall.figures.firstAcceptToday', { today: n(s.dispatch.today) })],
    },
    {
      id: 'blind-share',
      label: t('wall.figures.blindShare'),
      value: formatRate(s.coverage.blind_share, language),
      sub: [t('wall.figures.blindShareSub', { k: settings.k, radius: formatMeters(settings.radius_m, t) })],
    },
    {
      id: 'reach',
      label: t('wall.figures.reach'),
      value: formatRate(s.coverage.reach_rate, language),
      sub: [t('wall.figures.reachSub', { distance: formatMeters(settings.reach_distance_m, t) })],
      accent: 'blue',
    },
    {
      id: 'wishes',
      label: tw('wall.label'),
      value: n(s.wishes.open),
      sub: [tw('wall.claimed', { claimed: n(s.wishes.claimed) }), tw('wall.fulfilled', { fulfilled: n(s.wishes.fulfilled_this_year) })],
      accent: 'red',
    },
  ];
}

/** The ten key figures of the area on screen, large enough to read across the room, titled with its name. */
export function WallFigures({ summary }: { summary: StatsSummary }) {
  const { t, i18n } = useTranslation();
  const { t: tw } = useTranslation('wishes');
  const title = t('wall.figures.title', { area: summary.name });
  return (
    <section className="wall-panel wall-figures" aria-label={title}>
      <h2 className="wall-panel-title" data-testid="wall-figures-title">
        {title}
      </h2>
      <dl className="wall-figure-grid">
        {figuresOf(summary, t, tw, i18n.resolvedLanguage ?? 'zh-CN').map((f) => (
          <div
            key={f.id}
            className={`wall-figure${f.accent ? ` accent-${f.accent}` : ''}${f.alert ? ' is-alert' : ''}`}
            data-testid="wall-figure"
            data-figure={f.id}
          >
            <dt>{f.label}</dt>
            <dd className="wall-figure-value">{f.value}</dd>
            <dd className="wall-figure-sub">
              {f.sub.map((line) => (
                <span key={line}>{line}</span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
