import type { TFunction } from 'i18next';
import type { CaseSeverity } from '../api/contract.ts';

/** Incident kinds the form offers; a case may carry any other kind (reported elsewhere), shown as is. */
export const caseKinds = ['fire', 'flood', 'medical', 'traffic', 'public_safety', 'geological', 'other'] as const;
export type CaseKind = (typeof caseKinds)[number];

export const caseSeverityOrder: readonly CaseSeverity[] = ['low', 'normal', 'high', 'critical'];

/** Volunteer skills a dispatch can ask for (the registry's identifiers). */
export const knownSkills = [
  'first_aid',
  'medical',
  'rescue',
  'firefighting',
  'electrician',
  'driving',
  'counseling',
  'legal',
  'translation',
  'it',
  'teaching',
] as const;
export type KnownSkill = (typeof knownSkills)[number];

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function caseKindLabel(kind: string, t: TFunction): string {
  return isOneOf(caseKinds, kind) ? t(`caseKind.${kind}`) : kind;
}

export function skillLabel(skill: string, t: TFunction): string {
  return isOneOf(knownSkills, skill) ? t(`skill.${skill}`) : skill;
}
