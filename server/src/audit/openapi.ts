import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AuditPage, AuditQuery } from '../contract/audit.ts';
import { denied, errorResponse, json, named, operations, queryText, security, type ApiTag } from '../http/openapi.ts';

export const tag: ApiTag = { name: 'audit', description: 'The audit log: who read or changed what, and when (admin).' };

const auditPage = named(AuditPage, 'AuditPage');

export function registerPaths(registry: OpenAPIRegistry): void {
  const operation = operations(registry, tag);
  operation({
    method: 'get',
    path: '/api/v1/audit',
    operationId: 'listAuditEntries',
    security: security.session,
    summary: 'The audit log, newest first (admin)',
    request: { query: queryText(AuditQuery.shape) },
    responses: { 200: json(auditPage, 'A page of entries'), 400: errorResponse('invalid_query'), ...denied },
  });
}
