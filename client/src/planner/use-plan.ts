import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isAbort } from '../api/http.ts';
import { approvePlan, editPlan, fetchPlan, rejectPlan, stepPlan, submitPlan, type PlanEditInput, type PlanState, type PlanStep } from '../api/plans.api.ts';

export interface PlanError {
  code: string;
  message: string;
}

export interface UsePlan {
  /** The plan as last answered (null while the first answer is on its way or when none is open). */
  plan: PlanState | null;
  busy: boolean;
  error: PlanError | null;
  edit(edit: PlanEditInput): Promise<void>;
  step(step: PlanStep): Promise<void>;
  submit(reason?: string): Promise<void>;
  approve(effectiveOn: string): Promise<void>;
  reject(reason: string): Promise<void>;
  reload(): void;
}

const errorOf = (error: unknown): PlanError =>
  error instanceof ApiError
    ? { code: error.code, message: error.message }
    : { code: 'unknown', message: error instanceof Error ? error.message : String(error) };

/**
 * One open plan: every write names the ETag of the last answer and replaces the plan with its
 * answer. A stale revision (409) reloads the plan, so the next try is made on what is there now.
 */
export function usePlan(id: number | null): UsePlan {
  const [plan, setPlan] = useState<PlanState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PlanError | null>(null);
  const [generation, setGeneration] = useState(0);
  const current = useRef<PlanState | null>(null);
  current.current = plan;

  // a reload of the same plan keeps showing it until the fresh answer comes
  const shownId = useRef<number | null>(null);
  useEffect(() => {
    if (shownId.current !== id) {
      setPlan(null);
      setError(null);
      shownId.current = id;
    }
    if (id === null) return;
    const controller = new AbortController();
    fetchPlan(id, controller.signal).then(setPlan, (e: unknown) => {
      if (!isAbort(e)) setError(errorOf(e));
    });
    return () => controller.abort();
  }, [id, generation]);

  const write = useCallback(async (call: (state: PlanState) => Promise<PlanState>) => {
    const state = current.current;
    if (!state) return;
    setBusy(true);
    setError(null);
    try {
      const next = await call(state);
      current.current = next;
      setPlan(next);
    } catch (e) {
      setError(errorOf(e));
      // what the map shows (a dragged vertex, a drawn line) goes back to the plan as it is
      setPlan({ view: { ...state.view }, etag: state.etag });
      if (e instanceof ApiError && e.code === 'revision_mismatch') {
        const fresh = await fetchPlan(state.view.id).catch(() => null);
        if (fresh) setPlan(fresh);
      }
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    plan,
    busy,
    error,
    edit: useCallback((body: PlanEditInput) => write((s) => editPlan(s, body)), [write]),
    step: useCallback((step: PlanStep) => write((s) => stepPlan(s, step)), [write]),
    submit: useCallback((reason?: string) => write((s) => submitPlan(s, reason)), [write]),
    approve: useCallback((effectiveOn: string) => write((s) => approvePlan(s, effectiveOn)), [write]),
    reject: useCallback((reason: string) => write((s) => rejectPlan(s, reason)), [write]),
    reload: useCallback(() => setGeneration((n) => n + 1), []),
  };
}
