import { useTranslation } from 'react-i18next';
import type { LocateState } from '../locate/use-locate.ts';

const outsideTerritory = 'outside_territory';

/**
 * Where the new incident falls, before it is registered: its community or village, grid and grid
 * leader, so a misplaced click is seen before it becomes a case.
 */
export function CasePlace({ state }: { state: LocateState }) {
  const { t } = useTranslation();
  if (state.status === 'idle') return null;
  if (state.status === 'loading') return <p className="case-place muted">{t('dispatch.form.locating')}</p>;
  if (state.status === 'error') {
    return (
      <p className="case-place form-error" data-testid="case-place" data-error-code={state.code}>
        {state.code === outsideTerritory ? t('dispatch.form.outsideTerritory') : t('dispatch.form.locateFailed')}
      </p>
    );
  }
  const { community, grid } = state.result;
  const none = t('dispatch.case.none');
  return (
    <dl className="case-place" data-testid="case-place">
      <div>
        <dt>{t('dispatch.case.community')}</dt>
        <dd data-testid="case-place-community">{community.name}</dd>
      </div>
      <div>
        <dt>{t('dispatch.case.grid')}</dt>
        <dd data-testid="case-place-grid">{grid?.name ?? none}</dd>
      </div>
      <div>
        <dt>{t('dispatch.case.leader')}</dt>
        <dd data-testid="case-place-leader">{grid?.leader?.name ?? none}</dd>
      </div>
    </dl>
  );
}
