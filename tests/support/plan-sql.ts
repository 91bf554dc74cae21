/**
 * An SQL common table expression `name (key, geom)` over a plan's grids passed as parameter `$param`:
 * the GeoJSON features a plan answers (`id` the grid's key), as geometries in WGS-84.
 */
export function planGridsSql(name = 'g', param = 1): string {
  return `${name} as (select f ->> 'id' as key, st_setsrid(st_geomfromgeojson(f ->> 'geometry'), 4326) as geom from jsonb_array_elements($${param}::jsonb) f)`;
}
