import { useTranslation } from 'react-i18next';
import type { PlanValidationItem, PlanView } from '../api/plans.api.ts';
import { gridNames } from './grid-names.ts';

export interface ValidationListProps {
  view: PlanView;
  /** Zoom the map to the problem. */
  onShow(item: PlanValidationItem): void;
}

/** The message's key: the problem's own, or for a grid that touches no governance grid at all, that one's. */
function messageKey(item: PlanValidationItem) {
  return item.code === 'governance_mismatch' && item.params.governance === null ? 'governance_none' : item.code;
}

/** What is wrong with the plan, errors first; each item zooms the map to where it is. */
export function ValidationList({ view, onShow }: ValidationListProps) {
  const { t } = useTranslation();
  const name = gridNames(view);
  const items = [...view.validation].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <section className="planner-section" data-testid="validation-list">
      <h2>
        {t('planner.validation')} <span className="planner-count">{items.length}</span>
      </h2>
      {items.length === 0 && <p className="planner-muted">{t('planner.noProblems')}</p>}
      <ul className="validation-items">
        {items.map((item, index) => (
          <li key={`${item.code}-${item.grid ?? ''}-${index}`}>
            <button
              type="button"
              className={`validation-item ${item.severity}`}
              onClick={() => onShow(item)}
              data-testid="validation-item"
              data-code={item.code}
              data-severity={item.severity}
            >
              <span className="validation-severity">{t(`planner.severity.${item.severity}`)}</span>
              <span className="validation-code">{t(`planner.code.${item.code}`)}</span>
              {item.grid && <span className="validation-grid">{name(item.grid)}</span>}
              <span className="validation-message">{t(`planner.message.${messageKey(item)}`, item.params)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
