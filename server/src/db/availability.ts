import type { Logger } from '../logger.ts';

// Network failures and PostgreSQL's shutdown/start-up/connection classes: the database (or the
// way to it) is gone for now, and the same request will work once it is back.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '53300', // too_many_connections
]);

// pg reports a connection that died under it, or never came, by message only.
const unavailableMessages = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Client was closed/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The database cannot be reached or is restarting: worth a 503 and a retry, not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  const code = codeOf(error);
  if (code && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  const message = error instanceof Error ? error.message : '';
  return unavailableMessages.some((pattern) => pattern.test(message));
}

/** PostgreSQL cancelled the statement at `statement_timeout` (57014). */
export function isStatementTimeout(error: unknown): boolean {
  return codeOf(error) === '57014';
}

function reason(error: unknown): string {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} ${message}` : message;
}

// One database per process, so one outage state: the first failure is logged, the rest are not.
let downSince: number | undefined;

/** Records a failure to reach the database; logs only the first one of an outage. Answers whether it logged. */
export function noteDatabaseDown(log: Logger | undefined, error: unknown, where: string): boolean {
  if (downSince !== undefined) return false;
  downSince = Date.now();
  log?.warn({ where, reason: reason(error) }, 'database unavailable: answering 503 database_unavailable until it is back');
  return true;
}

/** Records that a connection succeeded; ends (and logs the length of) an outage. */
export function noteDatabaseUp(log: Logger | undefined): void {
  if (downSince === undefined) return;
  log?.info({ downMs: Date.now() - downSince }, 'database reachable again');
  downSince = undefined;
}
