/** What the record panel shows: an area's or a grid's panel, or one feature's record. */
export type Selection = { kind: SelectionKind; ref: string };
export const selectionKinds = ['area', 'grid', 'org', 'place', 'new_org', 'wish', 'belt', 'pairing', 'regional_group'] as const;
export type SelectionKind = (typeof selectionKinds)[number];
