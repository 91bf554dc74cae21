import type pg from 'pg';
import type { Scope } from '../../server/src/auth/scope.ts';

/**
 * Runs `work` on one connection of `db` and answers what it returned with the plans of every
 * statement it ran, nested ones included (auto_explain): the plans of the application's own query
 * functions, not of a copy of their SQL.
 */
export async function withPlans<T>(db: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<{ result: T; plan: string }> {
  const client = await db.connect();
  try {
    await client.query("load 'auto_explain'");
    await client.query('set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on; set client_min_messages = log');
    const plans: string[] = [];
    const onNotice = (n: { message?: string }) => plans.push(n.message ?? '');
    client.on('notice', onNotice);
    const result = await work(client);
    client.off('notice', onNotice);
    await client.query('reset client_min_messages');
    return { result, plan: plans.join('\n') };
  } finally {
    client.release();
  }
}

/**
 * An index scan (plain, index-only or bitmap) of `index` (a pattern: a name, or e.g. `area_\\w+ on
 * area a`) whose condition bounds `column` by the scope's first range.
 */
export function rangeCondition(index: string, column: string, scope: Scope): RegExp {
  const lo = scope.lo[0]!;
  const hi = scope.hi[0]!;
  return new RegExp(
    `(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) ${index}\\b[^\\n]*\\n\\s*Index Cond: \\(\\(${column} >= '${lo}'::text\\) AND \\(${column} < '${hi}'::text\\)\\)`,
  );
}
