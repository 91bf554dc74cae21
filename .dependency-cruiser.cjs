// What may import what, checked by `npm run lint` (part of `npm test`); ARCHITECTURE.md explains
// the layers. A new edge between capabilities is added here on purpose, one way only.
const fs = require('node:fs');
const path = require('node:path');

const src = '^server/src/';

/** Folders below the capabilities: every capability may import them; they import no capability. */
const shared = ['contract', 'db', 'http', 'outbox', 'member-link', 'case-timeline', 'registry-history', 'versions'];

/** Modules of a capability that every capability may import: who is asking, their scope, the audit record. */
const published = [`${src}auth/(middleware|principal|scope|permissions|actor)\\.ts$`, `${src}audit/record\\.ts$`];

/** The one-way edges between capabilities, with why; the way back is forbidden. */
const edges = {
  // closing a case closes its dispatch in the same transaction; starting one is a case's action
  cases: [`${src}dispatch/`, `${src}locate/queries\\.ts$`], // a new case is located (area, grid, branch) by locate's query
  dispatch: [`${src}members/nearby\\.queries\\.ts$`], // the waves alert the nearest members
  users: [`${src}auth/`], // user accounts, their sessions and wall tokens belong to auth
  'plan-files': [`${src}plans/(queries|view|revision|locked-plan|community-scope)\\.ts$`], // a file replaces a draft's grids as one of its edits, answered as the plan view; a governance layer is for a community in scope
  'registry-files': [`${src}members/filters\\.queries\\.ts$`], // a member export filters as the member list does
  docs: [`${src}[^/]+/openapi\\.ts$`], // the OpenAPI document gathers each capability's paths
};

const capabilities = fs
  .readdirSync(path.join(__dirname, 'server/src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !shared.includes(entry.name))
  .map((entry) => entry.name);

const capabilityRules = capabilities.map((capability) => ({
  name: `capability-${capability}`,
  severity: 'error',
  comment:
    `${capability}/ may import its own files, the shared folders, auth's and audit's published modules` +
    (edges[capability] ? ' and its declared edges' : '') +
    ', not another capability.',
  from: { path: `${src}${capability}/` },
  to: {
    path: `${src}[^/]+/`,
    pathNot: [`${src}${capability}/`, ...shared.map((folder) => `${src}${folder}/`), ...published, ...(edges[capability] ?? [])],
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...capabilityRules,
    {
      name: 'shared-below-capabilities',
      severity: 'error',
      comment: 'The shared folders and small modules sit below every capability: they import none.',
      from: { path: [`${src}(${shared.join('|')})/`, `${src}(logger|config|periodic|domain-error)\\.ts$`] },
      to: { path: `${src}[^/]+/`, pathNot: shared.map((folder) => `${src}${folder}/`) },
    },
    {
      name: 'contract-only-zod',
      severity: 'error',
      comment: 'server/src/contract/ is shared with the client: it imports nothing but zod.',
      from: { path: `${src}contract/` },
      to: { pathNot: [`${src}contract/`, '^node_modules/zod/'] },
    },
    {
      name: 'client-only-contract',
      severity: 'error',
      comment: 'The client imports the server only from server/src/contract/ (types or schemas).',
      from: { path: '^client/' },
      to: { path: '^(server|geodata|tests)/', pathNot: `${src}contract/` },
    },
    {
      name: 'server-not-client',
      severity: 'error',
      comment: 'The server serves the built client; it does not import its sources.',
      from: { path: '^(server|geodata)/' },
      to: { path: '^client/' },
    },
    {
      name: 'app-is-the-root',
      severity: 'error',
      comment: 'app.ts and main.ts assemble everything; only main.ts (and tests) import app.ts.',
      from: { path: src, pathNot: `${src}main\\.ts$` },
      to: { path: `${src}(app|main)\\.ts$` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood (or changed) one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(client/dist|\\.data|tests/artifacts|tests/scratch)/' },
    // `import type` counts: the contract and client rules are about types too
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
