import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '../api/plans.api.ts';
import { GovernancePanel } from './governance-panel.tsx';
import { HouseholdBars } from './household-bars.tsx';
import { ImpactMatrix } from './impact-matrix.tsx';
import { PlanToolbar } from './plan-toolbar.tsx';
import { ReviewPanel } from './review-panel.tsx';
import { StatusBadge } from './status-badge.tsx';
import { SubmitForm } from './submit-form.tsx';
import type { UseGovernanceLayer } from './use-governance-layer.ts';
import type { PlanTools } from './use-plan-tools.ts';
import type { UsePlan } from './use-plan.ts';
import { ValidationList } from './validation-list.tsx';

export interface PlanSidebarProps {
  view: PlanView;
  plan: UsePlan;
  tools: PlanTools;
  canEdit: boolean;
  canReview: boolean;
  governance: UseGovernanceLayer;
  onBack(): void;
}

function PaintTarget({ view, tools }: { view: PlanView; tools: PlanTools }) {
  const { t } = useTranslation();
  return (
    <label className="planner-field">
      <span>{t('planner.paintTarget')}</span>
      <select value={tools.marks.target ?? ''} onChange={(e) => tools.setTarget(e.target.value || null)} data-testid="paint-target">
        <option value="">{t('planner.choose')}</option>
        {view.grids.features.map((f) => (
          <option key={String(f.id)} value={String(f.id)}>
            {f.properties.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function hintOf(view: PlanView, tools: PlanTools, t: TFunction): string {
  if (tools.tool === 'merge' && tools.marks.picked) {
    const name = view.grids.features.find((f) => String(f.id) === tools.marks.picked)?.properties.name ?? tools.marks.picked;
    return t('planner.hint.mergeKept', { name });
  }
  return t(`planner.hint.${tools.tool}`);
}

/** The side panel of an open plan: tools (drafts), review (submitted, admins), the tally, problems and impact. */
export function PlanSidebar({ view, plan, tools, canEdit, canReview, governance, onBack }: PlanSidebarProps) {
  const { t } = useTranslation();
  const editing = canEdit && view.status === 'draft';
  const reviewing = canReview && view.status === 'submitted';
  return (
    <>
      <header className="planner-head">
        <button type="button" className="back-button" onClick={onBack} data-testid="plan-back">
          {t('planner.back')}
        </button>
        <h2 className="planner-plan-title" data-testid="plan-heading" data-plan-id={view.id} data-revision={view.revision}>
          {view.title}
        </h2>
        <StatusBadge status={view.status} />
      </header>
      {editing && (
        <section className="planner-section">
          <PlanToolbar
            tool={tools.tool}
            onTool={tools.setTool}
            canUndo={view.can_undo}
            canRedo={view.can_redo}
            busy={plan.busy}
            onStep={(step) => void plan.step(step)}
          />
          <p className="planner-hint" data-testid="plan-hint">
            {hintOf(view, tools, t)}
          </p>
          {tools.tool === 'paint' && <PaintTarget view={view} tools={tools} />}
        </section>
      )}
      {plan.error && (
        <p className="planner-error" role="alert" data-testid="plan-error" data-code={plan.error.code}>
          {t('planner.error', { message: plan.error.message })}
        </p>
      )}
      {reviewing && <ReviewPanel view={view} busy={plan.busy} onApprove={(d) => void plan.approve(d)} onReject={(r) => void plan.reject(r)} />}
      {view.status === 'submitted' && !reviewing && <p className="planner-note">{t('planner.submitted')}</p>}
      {view.status !== 'draft' && view.status !== 'submitted' && (
        <p className="planner-note">{t('planner.readOnly', { status: t(`planner.status.${view.status}`) })}</p>
      )}
      {view.reject_reason && (
        <p className="planner-note" data-testid="reject-reason">
          {t('planner.rejectedBecause', { reason: view.reject_reason })}
        </p>
      )}
      <HouseholdBars view={view} />
      <ValidationList view={view} onShow={tools.showProblem} />
      <ImpactMatrix view={view} />
      <GovernancePanel governance={governance} canEdit={canEdit} />
      {editing && <SubmitForm key={view.revision} view={view} busy={plan.busy} onSubmit={(reason) => void plan.submit(reason)} />}
    </>
  );
}
