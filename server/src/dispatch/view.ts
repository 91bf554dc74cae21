import type { Request } from 'express';
import type pg from 'pg';
import { audit } from '../audit/record.ts';
import type { DispatchView } from '../contract/dispatch.ts';
import { ErrorCode } from '../contract/error.ts';
import { HttpError } from '../http/http-error.ts';
import { presentDispatch } from './present.ts';
import { selectAlerts, selectDispatch } from './queries.ts';

/**
 * A dispatch as the console sees it, with its members' exact positions: every such read is
 * written to the audit log with the member ids.
 */
export async function readDispatch(db: pg.Pool, req: Request, id: number, scope: string[]): Promise<DispatchView> {
  const d = await selectDispatch(db, id, scope);
  if (!d) throw new HttpError(404, ErrorCode.notFound, `No dispatch ${id} in your scope.`);
  const view = presentDispatch(d, await selectAlerts(db, id));
  if (view.alerts.length) {
    await audit(db, req, {
      action: 'member.read_exact', targetKind: 'member', targetIds: view.alerts.map((a) => a.member.id),
      scope: d.community_code, detail: { purpose: 'dispatch', dispatch_id: id },
    });
  }
  return view;
}
