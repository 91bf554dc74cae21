import { useTranslation } from 'react-i18next';
import { cssColor, memberStateColors, memberStateOrder } from './member-state-colors.ts';

/** The map's key: one dot per member state. */
export function MemberLegend() {
  const { t } = useTranslation();
  return (
    <div className="map-legend" aria-label={t('dispatch.legend')}>
      <span className="legend-item">
        <span className="legend-incident" />
        {t('dispatch.form.point')}
      </span>
      {memberStateOrder.map((state) => (
        <span key={state} className="legend-item">
          <span className="state-dot" style={{ background: cssColor(memberStateColors[state]) }} />
          {state === 'candidate' ? t('dispatch.candidate') : t(`alertState.${state}`)}
        </span>
      ))}
    </div>
  );
}
