import type pg from 'pg';

/** The database answers, with PostGIS, and how much territory it holds. */
export async function selectHealth(db: pg.Pool): Promise<{ postgis: string; areas: number } | undefined> {
  const { rows } = await db.query<{ postgis: string; areas: number }>('select postgis_lib_version() as postgis, (select count(*) from area)::int as areas');
  return rows[0];
}
