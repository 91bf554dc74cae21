import type { StartDispatchInput } from '../api/contract.ts';

/** The dispatch form as typed (text inputs may be empty or out of range while typing). */
export interface DispatchParams {
  radius: string;
  waveSize: string;
  target: string;
  skills: readonly string[];
}

export const defaultDispatchParams: DispatchParams = { radius: '1000', waveSize: '5', target: '3', skills: [] };

/** The server's limits (server/src/contract/dispatch.ts). */
export const dispatchLimits = {
  radius: { min: 50, max: 20_000 },
  waveSize: { min: 1, max: 50 },
  target: { min: 1, max: 100 },
} as const;

function whole(text: string, { min, max }: { min: number; max: number }): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** The body of 发起调度, or null while a field is not a whole number within its limits. */
export function dispatchBody(params: DispatchParams): (StartDispatchInput & { radius: number }) | null {
  const radius = whole(params.radius, dispatchLimits.radius);
  const waveSize = whole(params.waveSize, dispatchLimits.waveSize);
  const target = whole(params.target, dispatchLimits.target);
  if (radius === null || waveSize === null || target === null) return null;
  return { radius, waveSize, target, skills: [...params.skills] };
}

/** The radius to search and draw while typing: the last valid one. */
export function radiusOf(params: DispatchParams, fallback: number): number {
  return whole(params.radius, dispatchLimits.radius) ?? fallback;
}
