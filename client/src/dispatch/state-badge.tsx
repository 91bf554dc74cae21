import { useTranslation } from 'react-i18next';
import { cssColor, memberStateColors, type MemberMapState } from './member-state-colors.ts';

/** A member's state as a coloured pill (the same colour as their dot on the map). */
export function StateBadge({ state }: { state: MemberMapState }) {
  const { t } = useTranslation();
  const color = cssColor(memberStateColors[state]);
  return (
    <span className="state-badge" style={{ color, borderColor: color }}>
      <span className="state-dot" style={{ background: color }} />
      {state === 'candidate' ? t('dispatch.candidate') : t(`alertState.${state}`)}
    </span>
  );
}
