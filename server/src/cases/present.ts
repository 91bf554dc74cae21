import type { CaseView } from '../contract/cases.ts';
import type { FeedCase } from '../contract/stats.ts';
import type { CaseRow, selectTimeline } from './queries.ts';

type Timeline = Awaited<ReturnType<typeof selectTimeline>>;

const ref = (code: string | null, name: string | null) => (code === null ? null : { code, name: name ?? '' });

/** A case as the wall's feed shows it: what, where and when, without people. */
export function presentFeedCase(r: CaseRow): FeedCase {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    severity: r.severity,
    status: r.status,
    reported_at: r.reported_at.toISOString(),
    town: ref(r.town_code, r.town_name),
    community: ref(r.community_code, r.community_name),
    location: [r.lng, r.lat],
  };
}

export function presentCase(r: CaseRow, timeline: Timeline): CaseView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    severity: r.severity,
    status: r.status,
    position: [r.lng, r.lat],
    town: ref(r.town_code, r.town_name),
    community: ref(r.community_code, r.community_name),
    grid: ref(r.grid_code, r.grid_name),
    branch: r.org_id === null ? null : { id: r.org_id, name: r.org_name ?? '' },
    grid_leader: r.grid_leader,
    reported_at: r.reported_at.toISOString(),
    closed_at: r.closed_at?.toISOString() ?? null,
    active_dispatch_id: r.active_dispatch_id,
    timeline: timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
