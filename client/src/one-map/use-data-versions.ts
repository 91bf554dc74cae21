import { useEffect, useState } from 'react';
import { connectLive } from '../api/live.api.ts';
import type { DataTopic } from '../api/contract.ts';

/**
 * The data versions announced on the live stream since the page opened: a layer's tiles carry
 * the sum of its topics' versions in their URL, so a change fetches them again.
 */
export function useDataVersions(): Readonly<Partial<Record<DataTopic, number>>> {
  const [versions, setVersions] = useState<Partial<Record<DataTopic, number>>>({});
  useEffect(
    () =>
      connectLive({
        onEvent: () => undefined,
        onReconnect: () => setVersions((v) => Object.fromEntries(Object.entries(v).map(([k, n]) => [k, n + 1]))),
        onStateChange: () => undefined,
        onDataVersion: (topic, version) => setVersions((v) => ({ ...v, [topic]: version })),
      }),
    [],
  );
  return versions;
}
