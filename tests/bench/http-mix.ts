import { readFileSync } from 'node:fs';
import type { Answer, ApiClient } from '../support/api-client.ts';
import { percentile } from './bench-support.ts';
import { thousands, type Row } from './report.ts';

/** What the soak and mixed-load benches share: latencies and statuses by endpoint, and small helpers. */
export type Stats = { latencies: number[]; statuses: Map<number, number> };

export class Tally {
  readonly byEndpoint = new Map<string, Stats>();

  /** Every latency, over all endpoints, sorted. */
  latencies(): number[] {
    return [...this.byEndpoint.values()].flatMap((s) => s.latencies).sort((a, b) => a - b);
  }

  /** Answers that were 5xx, or no answer at all. */
  failed(): number {
    return [...this.byEndpoint.values()].reduce((sum, s) => sum + [...s.statuses].filter(([st]) => st >= 500 || st === 0).reduce((a, [, k]) => a + k, 0), 0);
  }

  async time<T>(endpoint: string, call: () => Promise<Answer<T>>): Promise<Answer<T> | undefined> {
    const started = performance.now();
    let answer: Answer<T> | undefined;
    try {
      answer = await call();
    } catch {
      answer = undefined;
    }
    const stats: Stats = this.byEndpoint.get(endpoint) ?? { latencies: [], statuses: new Map() };
    this.byEndpoint.set(endpoint, stats);
    stats.latencies.push(performance.now() - started);
    const status = answer?.status ?? 0; // 0: no answer (connection refused, reset, timed out)
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    return answer;
  }
}

export async function getAnswer(client: ApiClient, path: string): Promise<Answer> {
  const res = await client.get(path, AbortSignal.timeout(30_000));
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.arrayBuffer();
  return { status: res.status, body, headers: res.headers };
}

export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

export function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [x, y];
}

/** A row per endpoint: requests, answers by class, p50 and p99. */
export function endpointTable(tally: Tally): Row[] {
  return [...tally.byEndpoint.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([endpoint, s]) => {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      const count = (test: (status: number) => boolean) => [...s.statuses].filter(([st]) => test(st)).reduce((sum, [, k]) => sum + k, 0);
      return {
        endpoint,
        requests: thousands(s.latencies.length),
        '2xx/3xx': thousands(count((st) => st >= 200 && st < 400)),
        '4xx': count((st) => st >= 400 && st < 500),
        '5xx': count((st) => st >= 500),
        'no answer': count((st) => st === 0),
        'p50 ms': percentile(sorted, 50).toFixed(1),
        'p99 ms': percentile(sorted, 99).toFixed(1),
      };
    });
}
