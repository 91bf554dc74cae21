import { RulesPanel } from './rules-panel.tsx';
import type { RegistryRights } from './registry-roles.ts';
import { StarReviewPanel } from './star-review.tsx';

/** 评星与规则: the yearly star review beside the points and star rules it applies. */
export function ReviewScreen({ rights }: { rights: RegistryRights }) {
  return (
    <div className="registry-record review-screen" data-testid="review-screen">
      <StarReviewPanel />
      <RulesPanel canChange={rights.rules} />
    </div>
  );
}
