import type { HistoryEntry } from '../contract/registry.ts';
import type { HistoryRow } from './queries.ts';

export function presentHistory(h: HistoryRow): HistoryEntry {
  return {
    id: h.id,
    action: h.action,
    effective_on: h.effective_on,
    reason: h.reason,
    detail: h.detail,
    actor: h.actor,
    recorded_at: h.recorded_at.toISOString(),
  };
}
