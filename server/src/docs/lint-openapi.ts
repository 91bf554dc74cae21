/**
 * `npm run lint:openapi`: writes the OpenAPI document to a temporary file and lints it with
 * Redocly's recommended rules (settings in redocly.yaml). Exits non-zero on any error; warnings
 * are printed. Needs no server and no database.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildOpenApiDocument } from './openapi.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'redgrid-openapi-'));
try {
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(buildOpenApiDocument(), null, 2));
  const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  const result = spawnSync(process.execPath, [cli, 'lint', '--extends', 'recommended', file], {
    stdio: 'inherit',
    // offline: no usage reports, no version check
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
