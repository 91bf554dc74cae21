import type { KnownSkill } from './labels.ts';

/**
 * Skills worth asking for by incident kind (医疗急救 → 急救). A suggestion only: the dispatcher
 * takes it or not, since requiring skills narrows who can be alerted.
 */
const suggestions: Readonly<Record<string, readonly KnownSkill[]>> = {
  medical: ['first_aid'],
  fire: ['firefighting', 'first_aid'],
  flood: ['rescue'],
  traffic: ['first_aid'],
  geological: ['rescue'],
};

export function suggestedSkills(kind: string): readonly KnownSkill[] {
  return suggestions[kind] ?? [];
}
