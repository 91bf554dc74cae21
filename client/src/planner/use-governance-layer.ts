import { useCallback, useEffect, useState } from 'react';
import {
  fetchGovernanceLayer,
  fileProblems,
  loadGovernanceLayer,
  removeGovernanceLayer,
  type GovernanceLayer,
  type PlanFileProblem,
} from '../api/governance.api.ts';
import { isAbort } from '../api/http.ts';

export interface UseGovernanceLayer {
  /** null while it is on its way */
  layer: GovernanceLayer | null;
  busy: boolean;
  /** what went wrong with the last load or removal, and a refused file's problems */
  error: { message: string; problems: PlanFileProblem[] } | null;
  load(file: File, gcj02: boolean): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A community's governance grid layer (综治网格), loaded from a file or removed; `onChange` runs
 * after either, since the plan's validation matches its grids against the layer.
 */
export function useGovernanceLayer(community: string | null, onChange: () => void): UseGovernanceLayer {
  const [layer, setLayer] = useState<GovernanceLayer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UseGovernanceLayer['error']>(null);

  useEffect(() => {
    setLayer(null);
    setError(null);
    if (community === null) return;
    const controller = new AbortController();
    fetchGovernanceLayer(community, controller.signal).then(setLayer, (e: unknown) => {
      if (!isAbort(e)) setError({ message: e instanceof Error ? e.message : String(e), problems: [] });
    });
    return () => controller.abort();
  }, [community]);

  const change = useCallback(
    async (call: (community: string) => Promise<GovernanceLayer>) => {
      if (community === null) return;
      setBusy(true);
      setError(null);
      try {
        setLayer(await call(community));
        onChange();
      } catch (e) {
        setError({ message: e instanceof Error ? e.message : String(e), problems: fileProblems(e) });
      } finally {
        setBusy(false);
      }
    },
    [community, onChange],
  );

  return {
    layer,
    busy,
    error,
    load: useCallback((file: File, gcj02: boolean) => change((c) => loadGovernanceLayer(c, file, gcj02)), [change]),
    remove: useCallback(() => change((c) => removeGovernanceLayer(c).then(() => fetchGovernanceLayer(c))), [change]),
  };
}
