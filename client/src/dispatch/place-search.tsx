import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceSearchResult } from '../api/contract.ts';
import { isAbort } from '../api/http.ts';
import { searchPlaces, type LngLatTuple } from '../api/locate.api.ts';
import { useDebounced } from './use-debounced.ts';

type Found = PlaceSearchResult['results'][number];

/**
 * 地点搜索: a building, compound, community, grid (name or code), organization or service center
 * by name; choosing one places the incident there. Typed, so it also works without a pointer.
 */
export function PlaceSearch({ onPlace }: { onPlace: (position: LngLatTuple) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const [results, setResults] = useState<Found[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!q) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    searchPlaces(q, controller.signal).then(
      (answer) => {
        setFailed(false);
        setResults(answer.results);
      },
      (error: unknown) => {
        if (!isAbort(error)) setFailed(true);
      },
    );
    return () => controller.abort();
  }, [q]);

  return (
    <div className="place-search" role="search">
      <input
        type="search"
        data-testid="place-search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('dispatch.search.placeholder')}
        aria-label={t('dispatch.search.label')}
        maxLength={50}
      />
      {failed && <p className="form-error">{t('dispatch.search.failed')}</p>}
      {results && results.length === 0 && <p className="muted">{t('dispatch.search.none')}</p>}
      {results && results.length > 0 && (
        <ul className="place-results">
          {results.map((r, i) => (
            <li key={`${r.kind}-${r.name}-${i}`}>
              <button type="button" data-testid="place-result" data-kind={r.kind} onClick={() => onPlace(r.position)}>
                <span className="tag">{t(`dispatch.search.kind.${r.kind}`)}</span>
                <strong>{r.name}</strong>
                {r.context && <span className="muted"> · {r.context}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
