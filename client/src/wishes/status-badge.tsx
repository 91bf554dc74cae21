import { useTranslation } from 'react-i18next';
import type { WishStatus } from '../api/contract.ts';

/** A wish's status as a coloured tag: 待认领, 已认领, 已实现, 已撤回. */
export function WishStatusBadge({ status }: { status: WishStatus }) {
  const { t } = useTranslation('wishes');
  return (
    <span className={`wish-status wish-status-${status}`} data-testid="wish-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
