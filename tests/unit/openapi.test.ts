import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../server/src/docs/openapi.ts';

type Operation = { operationId?: string; security?: Record<string, string[]>[]; tags?: string[] };

const document = buildOpenApiDocument();
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
const operations = Object.entries(document.paths ?? {}).flatMap(([p, item]) =>
  methods.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${p}`, method: m, path: p, op: item[m] as Operation })),
);

/** Every route the capabilities' route files (routes.ts, *-routes.ts) declare, as "METHOD /path/{param}". */
function declaredRoutes(): string[] {
  const src = path.resolve(import.meta.dirname, '../../server/src');
  return readdirSync(src, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'docs')
    .flatMap((d) =>
      readdirSync(path.join(src, d.name))
        .filter((f) => f === 'routes.ts' || f.endsWith('-routes.ts'))
        .map((f) => readFileSync(path.join(src, d.name, f), 'utf8')),
    )
    .flatMap((text) =>
      [...text.matchAll(/router\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map(([, m, p]) => `${m!.toUpperCase()} ${p!.replace(/:(\w+)/g, '{$1}')}`),
    );
}

describe('the OpenAPI document', () => {
  it('documents every route of every capability, and nothing else', () => {
    expect(operations.map((o) => o.key).sort()).toEqual(declaredRoutes().sort());
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.filter((id) => !/^[a-z][a-zA-Z0-9]*$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares the security of every operation, by schemes the document defines', () => {
    const schemes = Object.keys(document.components?.securitySchemes ?? {});
    expect(schemes.sort()).toEqual(['csrf', 'memberLink', 'session', 'wallToken']);
    expect(operations.filter((o) => !Array.isArray(o.op.security)).map((o) => o.key)).toEqual([]);
    const named = operations.flatMap((o) => o.op.security!.flatMap((r) => Object.keys(r)));
    expect(named.filter((n) => !schemes.includes(n))).toEqual([]);
  });

  it("needs no credentials only for health, sign-in and the member's link", () => {
    expect(
      operations
        .filter((o) => o.op.security!.length === 0)
        .map((o) => o.key)
        .sort(),
    ).toEqual([
      'GET /api/health',
      'GET /api/m/{token}',
      // the member's wishes behind the same signed link
      'GET /api/m/{token}/wishes',
      'POST /api/m/{token}/wishes/{id}/claim',
      'POST /api/m/{token}/wishes/{id}/fulfil',
      'POST /api/m/{token}/{answer}',
      'POST /api/v1/auth/sign-in',
    ]);
  });

  it('asks a session for its CSRF token on every write', () => {
    const writes = operations.filter((o) => o.method !== 'get' && o.op.security!.length > 0);
    expect(writes.length).toBeGreaterThan(0);
    for (const { key, op } of writes) expect([key, op.security]).toEqual([key, [{ session: [], csrf: [] }]]);
  });

  it('tags every operation with its capability, each tag described, and names a server', () => {
    const tags = new Map((document.tags ?? []).map((t) => [t.name, t.description]));
    expect(operations.filter((o) => o.op.tags?.length !== 1 || !tags.get(o.op.tags[0]!)).map((o) => o.key)).toEqual([]);
    expect(document.servers?.length).toBeGreaterThan(0);
  });

  it('names PUBLIC_URL as the first server when it is set, and the serving origin always', () => {
    expect(document.servers?.map((s) => s.url)).toEqual(['/']);
    expect(buildOpenApiDocument('https://redgrid.example.gov.cn').servers?.map((s) => s.url)).toEqual(['https://redgrid.example.gov.cn', '/']);
  });
});
