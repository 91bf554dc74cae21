import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '../api/plans.api.ts';

/** A plan's status as a small coloured badge. */
export function StatusBadge({ status }: { status: PlanSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`plan-status plan-status-${status}`} data-testid="plan-status" data-status={status}>
      {t(`planner.status.${status}`)}
    </span>
  );
}
