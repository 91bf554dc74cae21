import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/planner.css';
import { homeTown } from '../session/home-area.ts';
import { useSession } from '../session/session.store.ts';
import { navigate, useLocation } from '../shell/navigation.ts';
import { CommunityPicker } from './community-picker.tsx';
import { PlanList } from './plan-list.tsx';
import { PlanMap } from './plan-map.tsx';
import { PlanSidebar } from './plan-sidebar.tsx';
import { useCurrentGrids } from './use-current-grids.ts';
import { useGovernanceLayer } from './use-governance-layer.ts';
import { usePlanTools } from './use-plan-tools.ts';
import { usePlan } from './use-plan.ts';

export interface PlannerPageProps {
  canEdit: boolean;
  canReview: boolean;
}

/** Where the planner is, in the address: `?community=<12 digits>&plan=<id>` (other parameters such as `test` stay). */
function usePlannerLocation() {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const community = params.get('community');
  const planParam = Number(params.get('plan'));
  const go = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      navigate(`/planner?${next.toString()}`);
    },
    [search],
  );
  return { community: community && /^\d{12}$/.test(community) ? community : null, planId: Number.isInteger(planParam) && planParam > 0 ? planParam : null, go };
}

/**
 * 网格规划: pick a community, open or start a plan, redraw its grids on the map (drag vertices,
 * split, merge, paint compounds), watch the tally, problems and impact, submit; admins review.
 */
export function PlannerPage({ canEdit, canReview }: PlannerPageProps) {
  const { t } = useTranslation();
  const { community, planId, go } = usePlannerLocation();
  const session = useSession();
  const plan = usePlan(planId);
  const tools = usePlanTools(plan);
  const view = plan.plan?.view ?? null;
  const currentGrids = useCurrentGrids(view, view !== null && view.status !== 'draft');
  const governance = useGovernanceLayer(view?.community_code ?? null, plan.reload);

  return (
    <main className="planner-page" data-testid="planner-page">
      <div className="planner-map">
        <PlanMap
          view={view}
          editable={canEdit && view?.status === 'draft'}
          tool={tools.tool}
          marks={tools.marks}
          currentGrids={currentGrids}
          governance={governance.layer}
          focus={tools.focus}
          events={tools.events}
        />
      </div>
      <aside className="planner-sidebar" aria-label={t('planner.title')}>
        {planId === null ? (
          <>
            <header className="planner-head">
              <h1 className="planner-heading">{t('planner.title')}</h1>
            </header>
            <CommunityPicker
              community={community}
              homeTown={session.status === 'signed-in' ? homeTown(session.user) : undefined}
              onCommunity={(code) => go({ community: code, plan: null })}
            />
            {community && <PlanList community={community} canEdit={canEdit} onOpen={(id) => go({ plan: String(id) })} />}
          </>
        ) : view ? (
          <PlanSidebar
            view={view}
            plan={plan}
            tools={tools}
            canEdit={canEdit}
            canReview={canReview}
            governance={governance}
            onBack={() => go({ plan: null, community: view.community_code })}
          />
        ) : (
          <p className="planner-muted planner-loading">{plan.error ? t('planner.error', { message: plan.error.message }) : t('planner.loading')}</p>
        )}
      </aside>
    </main>
  );
}

export default PlannerPage;
