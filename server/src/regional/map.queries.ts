import type { Queryable } from '../db/transaction.ts';

/**
 * The data versions the map's arcs and outlines are drawn from (sql/000012, 000028): pairings,
 * groups and their lists (party_building), organizations and new-type organizations (org), areas
 * (territory). Their ETag changes only when one of these does.
 */
export async function selectMapVersions(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ tag: string }>({
    name: 'regional_map_versions',
    text: `select string_agg(coalesce(v.version, 0)::text, '.' order by t.n) as tag
           from unnest(array['party_building', 'org', 'territory']) with ordinality t(topic, n)
           left join data_version v on v.topic = t.topic`,
  });
  return rows[0]?.tag ?? '0.0.0';
}
