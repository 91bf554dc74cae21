-- Grid plan files: a planner may replace a draft's grids with a file (GeoJSON or a zipped
-- Shapefile). The import is kept like any other edit — one row in plan_edit and a new state — so
-- it can be undone and redone; this admits its kind.
alter table plan_edit drop constraint plan_edit_kind_check;
alter table plan_edit add constraint plan_edit_kind_check
  check (kind in ('split', 'merge', 'paint', 'move_vertex', 'redraw', 'rename', 'import'));
