import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import { ErrorCode } from '../contract/error.ts';
import type { CreatePairingBody, EndPairingBody, UpdatePairingBody } from '../contract/regional.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../domain-error.ts';
import {
  deletePairingRow,
  endPairingRow,
  insertPairing,
  lockPairing,
  selectOrgIn,
  selectPartnerArea,
  selectPartnerNewOrg,
  selectSamePairing,
  updatePairingFields,
  type LockedPairingRow,
  type NewPairing,
} from './pairings.queries.ts';
import { changes, notFound, patched, today, type WriteScopes } from './scopes.ts';

const closed = (what: string, on: string) =>
  new DomainError('conflict', ErrorCode.orgClosed, `${what} closed on ${on}; a closed organization makes no new pairings.`);

/** The partner as the pairing row holds it: one of the three columns, each named in the caller's read scope. */
async function partnerOf(tx: Tx, body: CreatePairingBody, scopes: WriteScopes): Promise<NewPairing> {
  const base = {
    orgId: body.org_id,
    partnerKind: body.partner.kind,
    partnerAreaCode: null,
    partnerNewOrgId: null,
    partnerOrgId: null,
    startedOn: body.started_on,
    content: body.content ?? null,
  };
  const partner = body.partner;
  if (partner.kind === 'area') {
    const area = await selectPartnerArea(tx, partner.area_code, scopes.read);
    if (!area) throw notFound(`area ${partner.area_code}`);
    if (area.level !== 'village' && area.level !== 'community') {
      throw new DomainError(
        'unprocessable',
        ErrorCode.partnerRefused,
        `Area ${partner.area_code} is a ${area.level}; a unit pairs with a village or a community.`,
      );
    }
    return { ...base, partnerAreaCode: area.code };
  }
  if (partner.kind === 'new_org') {
    if (!(await selectPartnerNewOrg(tx, partner.id, scopes.read))) throw notFound(`new-type organization ${partner.id}`);
    return { ...base, partnerNewOrgId: partner.id };
  }
  const org = await selectOrgIn(tx, partner.id, scopes.read);
  if (!org) throw notFound(`organization ${partner.id}`);
  if (org.closed_on !== null) throw closed(`The partner organization ${partner.id}`, org.closed_on);
  return { ...base, partnerOrgId: partner.id };
}

/**
 * Pairs an open organization in the caller's edit scope with a village or community, a new-type
 * organization or another open organization the caller may read; one current pairing per pair.
 */
export function createPairing(db: pg.Pool, actor: Actor, body: CreatePairingBody, scopes: WriteScopes): Promise<number> {
  return withTransaction(db, async (tx) => {
    const org = await selectOrgIn(tx, body.org_id, scopes.edit);
    if (!org) throw notFound(`organization ${body.org_id}`);
    if (org.closed_on !== null) throw closed(`Organization ${body.org_id}`, org.closed_on);
    const pairing = await partnerOf(tx, body, scopes);
    const same = await selectSamePairing(tx, pairing);
    if (same !== undefined)
      throw new DomainError('conflict', ErrorCode.conflict, `Pairing ${same} of the same two already runs; end it before pairing them again.`);
    const id = await insertPairing(tx, pairing);
    await audit(tx, actor, {
      action: 'pairing.create',
      targetKind: 'pairing',
      targetIds: [id],
      scope: org.area_code,
      detail: { org_id: body.org_id, partner: body.partner, started_on: body.started_on },
    });
    return id;
  });
}

/** A pairing whose organization is in scope, still running. */
async function lockRunning(tx: Tx, id: number, scopes: WriteScopes): Promise<LockedPairingRow> {
  const row = await lockPairing(tx, id, scopes.edit, 'org');
  if (!row) throw notFound(`pairing ${id}`);
  if (row.ended_on !== null) {
    throw new DomainError(
      'conflict',
      ErrorCode.pairingEnded,
      `Pairing ${id} ended on ${row.ended_on}; an ended pairing keeps its record and takes no changes.`,
    );
  }
  return row;
}

/** Edits a running pairing's start and content; nothing changed writes nothing. */
export function updatePairing(db: pg.Pool, actor: Actor, id: number, body: UpdatePairingBody, scopes: WriteScopes): Promise<void> {
  return withTransaction(db, async (tx) => {
    const row = await lockRunning(tx, id, scopes);
    const before = { started_on: row.started_on, content: row.content };
    const after = patched(before, body);
    const diff = changes(before, after);
    if (diff.changed.length === 0) return;
    await updatePairingFields(tx, id, { startedOn: after.started_on, content: after.content });
    await audit(tx, actor, { action: 'pairing.update', targetKind: 'pairing', targetIds: [id], scope: row.org_area_code, detail: diff });
  });
}

/** Ends a running pairing on a day (today when not given; never a day to come, nor before it started). */
export function endPairing(db: pg.Pool, actor: Actor, id: number, body: EndPairingBody, scopes: WriteScopes): Promise<void> {
  const on = body.ended_on ?? today();
  if (on > today()) {
    throw new DomainError('invalid', ErrorCode.invalidBody, `Invalid request body: ended_on: ${on} is a day to come; end a pairing on the day it ended.`);
  }
  return withTransaction(db, async (tx) => {
    const row = await lockRunning(tx, id, scopes);
    if (on < row.started_on) {
      throw new DomainError('invalid', ErrorCode.invalidBody, `Invalid request body: ended_on: ${on} is before the pairing started (${row.started_on}).`);
    }
    await endPairingRow(tx, id, on);
    await audit(tx, actor, { action: 'pairing.end', targetKind: 'pairing', targetIds: [id], scope: row.org_area_code, detail: { ended_on: on } });
  });
}

/** Deletes a pairing recorded by mistake, with its lists (an ended one too); the audit log keeps what it was. */
export function deletePairing(db: pg.Pool, actor: Actor, id: number, scopes: WriteScopes): Promise<void> {
  return withTransaction(db, async (tx) => {
    const row = await lockPairing(tx, id, scopes.edit, 'org');
    if (!row) throw notFound(`pairing ${id}`);
    const items = await deletePairingRow(tx, id);
    await audit(tx, actor, {
      action: 'pairing.delete',
      targetKind: 'pairing',
      targetIds: [id],
      scope: row.org_area_code,
      detail: { org_id: row.org_id, started_on: row.started_on, ended_on: row.ended_on, items },
    });
  });
}
