import type pg from 'pg';
import { audit, type Actor } from '../audit/record.ts';
import { subtreeRange, type Scope } from '../auth/scope.ts';
import {
  registryColumns,
  type MemberExportQuery,
  type OrgExportQuery,
  type PlaceExportQuery,
  type RegistryEntity,
  type RegistryFeatureCollection,
} from '../contract/registry-files.ts';
import { withTransaction, type Tx } from '../db/transaction.ts';
import { selectMembersForExport } from './member.queries.ts';
import { selectOrgsForExport } from './org.queries.ts';
import { selectPlacesForExport } from './place.queries.ts';
import { writeCsv, type Cell } from './write-csv.ts';

export type ExportFormat = 'csv' | 'geojson';
export type ExportFilters = { members: MemberExportQuery; orgs: OrgExportQuery; places: PlaceExportQuery };
export type ExportFile = { body: Buffer; contentType: string; filename: string; count: number };

type Record = { [column: string]: Cell };

/** The entity's rows in scope under the filters, as the file's columns (the same an import takes). */
async function records(tx: Tx, entity: RegistryEntity, filters: ExportFilters[RegistryEntity], scope: Scope): Promise<Array<{ id: number; cells: Record }>> {
  const area = filters.area ? subtreeRange(filters.area) : null;
  if (entity === 'members') {
    const rows = await selectMembersForExport(tx, filters as MemberExportQuery, scope, area);
    return rows.map((m) => ({ id: m.id, cells: { ...m, address: null, skills: m.skills.join(';') } }));
  }
  if (entity === 'orgs') {
    const rows = await selectOrgsForExport(tx, filters as OrgExportQuery, scope, area);
    return rows.map((o) => ({ id: o.id, cells: { ...o, address: null } }));
  }
  const rows = await selectPlacesForExport(tx, filters as PlaceExportQuery, scope, area);
  return rows.map((p) => ({ id: p.id, cells: { ...p, services: p.services.join(';') } }));
}

const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

/**
 * An export of members, organizations or service positions in the caller's scope. Member files
 * carry exact homes and phones, so every export is audited (registry.export: entity, count,
 * filters) in the transaction that read it.
 */
export async function exportRegistry<E extends RegistryEntity>(
  db: pg.Pool,
  actor: Actor,
  entity: E,
  format: ExportFormat,
  filters: ExportFilters[E],
  scope: Scope,
  auditScope: string | null,
): Promise<ExportFile> {
  const rows = await withTransaction(db, async (tx) => {
    const found = await records(tx, entity, filters, scope);
    await audit(tx, actor, {
      action: 'registry.export',
      targetKind: entity === 'members' ? 'member' : entity === 'orgs' ? 'org' : 'place',
      scope: auditScope,
      detail: { entity, format, count: found.length, filters },
    });
    return found;
  });
  const columns = registryColumns[entity];
  const filename = `${entity}-${stamp()}.${format}`;
  if (format === 'csv') {
    const body = writeCsv(
      columns,
      rows.map((r) => columns.map((c) => r.cells[c] ?? null)),
    );
    return { body, contentType: 'text/csv; charset=utf-8', filename, count: rows.length };
  }
  const collection: RegistryFeatureCollection = {
    type: 'FeatureCollection',
    features: rows.map((r) => {
      const { lng, lat } = r.cells;
      const properties: Record = {};
      for (const c of columns) if (c !== 'lng' && c !== 'lat' && !(c === 'address' && entity !== 'places')) properties[c] = r.cells[c] ?? null;
      return {
        type: 'Feature',
        id: r.id,
        geometry: typeof lng === 'number' && typeof lat === 'number' ? { type: 'Point', coordinates: [lng, lat] } : null,
        properties,
      };
    }),
  };
  return { body: Buffer.from(JSON.stringify(collection)), contentType: 'application/geo+json', filename, count: rows.length };
}
