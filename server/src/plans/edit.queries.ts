import type { PlanEdit } from '../contract/plans.ts';
import type { EditCall } from './queries.ts';

const point = (p: [number, number]) => `SRID=4326;POINT(${p[0]} ${p[1]})`;

/**
 * The SQL function call (sql/000017) that makes a topology edit. Coordinates travel as EWKT
 * built from validated numbers only; `outline` is a paint unit's geometry as PostGIS gave it.
 */
export function editCall(planId: number, edit: Exclude<PlanEdit, { kind: 'rename' }>, newKey: string, outline: string | null): EditCall {
  switch (edit.kind) {
    case 'split': {
      const line = `SRID=4326;LINESTRING(${edit.line.map(([x, y]) => `${x} ${y}`).join(', ')})`;
      return { sql: 'select plan_split($1, $2, $3::geometry, $4)', values: [planId, edit.grid, line, newKey] };
    }
    case 'redraw': {
      const line = `SRID=4326;LINESTRING(${edit.line.map(([x, y]) => `${x} ${y}`).join(', ')})`;
      return { sql: 'select plan_redraw($1, $2, $3, $4::geometry)', values: [planId, edit.a, edit.b, line] };
    }
    case 'merge':
      return { sql: 'select plan_merge($1, $2, $3)', values: [planId, edit.kept, edit.absorbed] };
    case 'paint':
      return { sql: 'select plan_paint($1, $2, $3::geometry)', values: [planId, edit.target, outline] };
    case 'move_vertex':
      return { sql: 'select plan_move_vertex($1, $2::geometry, $3::geometry)', values: [planId, point(edit.from), point(edit.to)] };
  }
}
