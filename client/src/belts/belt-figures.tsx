import { useTranslation } from 'react-i18next';
import type { BeltLeg, CorridorCounts } from '../api/contract.ts';

/** Meters as kilometres with one decimal. */
export const km = (meters: number) => (meters / 1000).toFixed(1);

function Figure({ label, value, testId }: { label: string; value: number | string; testId: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** What a corridor holds: model sites and the other positions, organizations, members (a count), new-type organizations. */
export function CorridorFigures({ counts }: { counts: CorridorCounts }) {
  const { t } = useTranslation('belts');
  const places = counts.places;
  return (
    <dl className="figures" data-testid="belt-counts">
      <Figure label={t('counts.model_site')} value={places.model_site} testId="belt-count-model_site" />
      <Figure label={t('counts.orgs')} value={counts.orgs} testId="belt-count-orgs" />
      <Figure label={t('counts.members')} value={counts.members} testId="belt-count-members" />
      <Figure label={t('counts.service_center')} value={places.service_center} testId="belt-count-service_center" />
      <Figure label={t('counts.service_station')} value={places.service_station} testId="belt-count-service_station" />
      <Figure label={t('counts.center_household')} value={places.center_household} testId="belt-count-center_household" />
      <Figure label={t('counts.education_site')} value={places.education_site} testId="belt-count-education_site" />
      <Figure label={t('counts.enterprise')} value={counts.new_orgs.enterprise} testId="belt-count-enterprise" />
      <Figure label={t('counts.social_org')} value={counts.new_orgs.social_org} testId="belt-count-social_org" />
    </dl>
  );
}

/** How many legs follow the roads and how many are straight, with a note when any is straight. */
export function LegSummary({ legs }: { legs: readonly BeltLeg[] }) {
  const { t } = useTranslation('belts');
  const routed = legs.filter((l) => l.routed).length;
  const straight = legs.length - routed;
  return (
    <p className="muted" data-testid="belt-legs" data-routed={routed} data-straight={straight}>
      {t('preview.legs', { routed, straight })}
      {straight > 0 && (
        <>
          <br />
          {t('preview.straightNote')}
        </>
      )}
    </p>
  );
}
