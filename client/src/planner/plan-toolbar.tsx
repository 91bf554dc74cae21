import { useTranslation } from 'react-i18next';
import type { PlanStep } from '../api/plans.api.ts';
import type { PlanTool } from './plan-draw.ts';

export interface PlanToolbarProps {
  tool: PlanTool;
  onTool(tool: PlanTool): void;
  canUndo: boolean;
  canRedo: boolean;
  busy: boolean;
  onStep(step: PlanStep): void;
}

const tools: readonly PlanTool[] = ['select', 'split', 'redraw', 'merge', 'paint'];

/** The editing tools and undo/redo (enabled as the server says). */
export function PlanToolbar({ tool, onTool, canUndo, canRedo, busy, onStep }: PlanToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="plan-toolbar">
      <div className="plan-tools" role="radiogroup" aria-label={t('planner.tools.label')}>
        {tools.map((name) => (
          <button
            key={name}
            type="button"
            role="radio"
            aria-checked={tool === name}
            className={tool === name ? 'plan-tool active' : 'plan-tool'}
            onClick={() => onTool(name)}
            data-testid={`tool-${name}`}
          >
            {t(`planner.tools.${name}`)}
          </button>
        ))}
      </div>
      <div className="plan-steps">
        <button type="button" disabled={!canUndo || busy} onClick={() => onStep('undo')} data-testid="plan-undo">
          {t('planner.undo')}
        </button>
        <button type="button" disabled={!canRedo || busy} onClick={() => onStep('redo')} data-testid="plan-redo">
          {t('planner.redo')}
        </button>
      </div>
    </div>
  );
}
