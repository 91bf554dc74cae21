import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default(path.join(projectRoot, '.data')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_SEED: z.coerce.number().int().min(0).default(20260701),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DISPATCH_DAILY_CAP: z.coerce.number().int().min(1).max(100).default(5),
  DISPATCH_DUTY_PHONE: z
    .string()
    .regex(/^[0-9+][0-9-]{2,19}$/, 'DISPATCH_DUTY_PHONE must be a phone number such as 0816-2345678')
    .optional(),
  SMS_WEBHOOK_URL: z.url('SMS_WEBHOOK_URL must be a URL').optional(),
  PUBLIC_URL: z.url('PUBLIC_URL must be a URL such as https://redgrid.example.gov.cn').optional(),
  COVERAGE_K: z.coerce.number().int().min(5).max(100).default(20),
  COVERAGE_RADIUS_M: z.coerce.number().int().min(100).max(10000).default(1000),
  REACH_DISTANCE_M: z.coerce.number().int().min(100).max(20000).default(1000),
  SMS_LEASE_SECONDS: z.coerce.number().int().min(6, 'SMS_LEASE_SECONDS must be longer than a gateway call (5 s)').max(3600).default(30),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  LOAD_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  demoSeed: number;
  loadDemo: boolean;
  /** behind a reverse proxy: take the client address from X-Forwarded-For */
  trustProxy: boolean;
  /** alerts a member may get in 24 hours */
  dispatchDailyCap: number;
  /** the command center's duty phone, shown to alerted members; none by default */
  dispatchDutyPhone: string | undefined;
  smsWebhookUrl: string | undefined;
  /** seconds before a message whose sender died mid-call is tried again */
  smsLeaseSeconds: number;
  /** origin used in links sent to members; defaults to the server's own address */
  publicUrl: string | undefined;
  /** a blind spot has fewer than `k` available members within `radiusM`; reach is measured against `reachDistanceM` */
  coverage: { k: number; radiusM: number; reachDistanceM: number };
  /** PostgreSQL's statement_timeout for the server's queries, ms (0: none) */
  statementTimeoutMs: number;
};

export class ConfigError extends Error {}

/** Reads and validates configuration from the environment; an invalid value stops the start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    demoSeed: e.DEMO_SEED,
    loadDemo: e.LOAD_DEMO,
    trustProxy: e.TRUST_PROXY,
    dispatchDailyCap: e.DISPATCH_DAILY_CAP,
    dispatchDutyPhone: e.DISPATCH_DUTY_PHONE,
    smsWebhookUrl: e.SMS_WEBHOOK_URL,
    smsLeaseSeconds: e.SMS_LEASE_SECONDS,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    coverage: { k: e.COVERAGE_K, radiusM: e.COVERAGE_RADIUS_M, reachDistanceM: e.REACH_DISTANCE_M },
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
  };
}
