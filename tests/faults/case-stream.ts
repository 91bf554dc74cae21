import { SseParser } from '../../client/src/api/event-stream.ts';
import type { ApiClient } from '../support/api-client.ts';

/** A live stream held open through faults, noting the case ids it is told about. */
export type CaseStream = {
  /** resolves once a `case.created` event for `caseId` arrived; rejects after `withinMs` */
  waitFor(caseId: number, withinMs: number): Promise<void>;
  close(): void;
};

export async function openCaseStream(client: ApiClient): Promise<CaseStream> {
  const controller = new AbortController();
  const res = await client.get('/api/v1/live', controller.signal);
  if (res.status !== 200) throw new Error(`the live stream answered ${res.status}`);
  const seen = new Set<number>();
  const waiters = new Set<() => void>();
  const parser = new SseParser();
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const message of parser.push(value)) {
          const data = JSON.parse(message.data) as { type?: string; case_id?: number };
          if (data.type === 'case.created' && typeof data.case_id === 'number') seen.add(data.case_id);
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    waitFor: (caseId, withinMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!seen.has(caseId)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`case ${caseId} did not reach the live stream within ${withinMs} ms`));
        }, withinMs);
        waiters.add(check);
        check();
      }),
    close: () => controller.abort(),
  };
}
