-- A plan's view gives every compound of its community with its households, a sum over the
-- compound's buildings: without an index on building.compound_id that was a scan of the county's
-- buildings per compound (164 ms for the 43 compounds of the largest community, on every edit's
-- answer). Compounds by community serve the same view and the plan validation.
create index building_compound_idx on building (compound_id) where compound_id is not null;
create index compound_community_idx on compound (community_code);
