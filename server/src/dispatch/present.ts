import type { DispatchView } from '../contract/dispatch.ts';
import type { AlertRow, DispatchRow } from './queries.ts';

export function presentDispatch(d: DispatchRow, alerts: AlertRow[]): DispatchView {
  return {
    id: d.id,
    case_id: d.case_id,
    status: d.status,
    radius_m: d.radius_m,
    max_radius_m: d.max_radius_m,
    wave_size: d.wave_size,
    target: d.target,
    skills: d.skills,
    alert_timeout_s: d.alert_timeout_s,
    waves: d.waves,
    accepted: alerts.filter((a) => a.state === 'accepted' || a.state === 'arrived').length,
    alerts: alerts.map((a) => ({
      member: { id: a.member_id, name: a.name, org: { id: a.org_id, name: a.org_name }, skills: a.skills, stars: a.stars, position: [a.lng, a.lat] },
      wave: a.wave,
      state: a.state,
      distance_m: Math.round(a.distance_m * 10) / 10,
      alerted_at: a.alerted_at.toISOString(),
      answered_at: a.answered_at?.toISOString() ?? null,
      arrived_at: a.arrived_at?.toISOString() ?? null,
      sms_status: a.sms_status,
      phone: a.state === 'accepted' || a.state === 'arrived' ? a.phone : null,
    })),
  };
}
