import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../support/api-client.ts';

/** What the load saw: every answer by kind, what was acknowledged, and what a client must never see. */
export type LoadReport = {
  /** "POST /api/v1/cases 201", "GET nearby 503 database_unavailable", … with counts */
  answers: Map<string, number>;
  /** Idempotency-Key → case id, for each creation answered 201 or 200 */
  acknowledged: Map<string, number>;
  /** 5xx other than 503 with a code and Retry-After, hangs, broken connections */
  failures: string[];
};

export type Load = { report: LoadReport; stop(): Promise<LoadReport> };

/** No request may take longer than this, database or not: a hang is a failure. */
const hangMs = 8000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Outcome = { status: number; code?: string | undefined };

function record(report: LoadReport, what: string, res: { status: number; body: unknown; headers: Headers }): Outcome {
  const code = (res.body as { error?: { code?: string } } | null)?.error?.code;
  const label = `${what} ${res.status}${code ? ` ${code}` : ''}`;
  report.answers.set(label, (report.answers.get(label) ?? 0) + 1);
  const fine = res.status < 500 || (res.status === 503 && code === 'database_unavailable' && res.headers.get('retry-after') !== null);
  if (!fine) report.failures.push(`${what} answered ${res.status} ${code ?? ''}`);
  return { status: res.status, code };
}

async function attempt(
  report: LoadReport,
  what: string,
  call: (signal: AbortSignal) => Promise<{ status: number; body: unknown; headers: Headers }>,
): Promise<Outcome | undefined> {
  try {
    return record(report, what, await call(AbortSignal.timeout(hangMs)));
  } catch (error) {
    report.failures.push(`${what}: ${(error as Error).name === 'TimeoutError' ? `no answer within ${hangMs} ms` : (error as Error).message}`);
    return undefined;
  }
}

/**
 * Clients that keep working through an outage: `writers` loops each create cases with an
 * Idempotency-Key, retrying the same key until it is acknowledged; `readers` loops read nearby
 * members. Every answer must be a success, a client error, or 503 with a code and Retry-After.
 */
export function startLoad(client: ApiClient, points: [number, number][], { writers = 2, readers = 2 } = {}): Load {
  const report: LoadReport = { answers: new Map(), acknowledged: new Map(), failures: [] };
  let running = true;
  const pick = (i: number) => points[i % points.length]!;

  const writer = async (w: number) => {
    for (let n = 0; running; n += 1) {
      const key = randomUUID();
      const [lng, lat] = pick(w * 1000 + n);
      while (running) {
        const outcome = await attempt(report, 'POST /api/v1/cases', (signal) =>
          client
            .send<{ id: number }>('POST', '/api/v1/cases', { kind: '故障演练', title: `故障演练 ${w}-${n}`, lng, lat }, { 'idempotency-key': key }, signal)
            .then((answer) => {
              if (answer.status === 201 || answer.status === 200) report.acknowledged.set(key, (answer.body as { id: number }).id);
              return answer;
            }),
        );
        if (outcome && outcome.status < 300) break;
        await pause(200);
      }
    }
  };

  const reader = async (r: number) => {
    for (let n = 0; running; n += 1) {
      const [lng, lat] = pick(r * 7 + n);
      const outcome = await attempt(report, 'GET /api/v1/members/nearby', (signal) =>
        client.getJson(`/api/v1/members/nearby?lng=${lng}&lat=${lat}&radius=1000&limit=20`, signal),
      );
      await pause(outcome && outcome.status < 300 ? 20 : 200);
    }
  };

  const loops = [...Array.from({ length: writers }, (_, i) => writer(i)), ...Array.from({ length: readers }, (_, i) => reader(i))];
  return {
    report,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return report;
    },
  };
}

/** Polls /api/health until it answers 200; answers how long that took, or throws after `withinMs`. */
export async function healthyWithin(baseUrl: string, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    const status = await fetch(`${baseUrl}api/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return Date.now() - started;
    await pause(100);
  }
  throw new Error(`the API was not back within ${withinMs} ms`);
}
