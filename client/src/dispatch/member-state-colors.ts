import type { AlertState } from '../api/contract.ts';

/** A member on the console: a candidate not alerted yet, or one of the dispatch's alert states. */
export type MemberMapState = AlertState | 'candidate';

export type Rgb = readonly [number, number, number];

/** One colour per state, shared by the map dots, the list badges and the legend. */
export const memberStateColors: Record<MemberMapState, Rgb> = {
  candidate: [70, 110, 190],
  alerted: [232, 140, 0],
  accepted: [30, 160, 80],
  arrived: [8, 95, 55],
  declined: [160, 70, 60],
  timed_out: [128, 124, 120],
  cancelled: [176, 172, 166],
  recalled: [120, 96, 160],
};

/** The legend's order: the hopeful path first. */
export const memberStateOrder: readonly MemberMapState[] = ['candidate', 'alerted', 'accepted', 'arrived', 'declined', 'timed_out', 'recalled', 'cancelled'];

export function cssColor([r, g, b]: Rgb): string {
  return `rgb(${r} ${g} ${b})`;
}
