import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceSearchResult } from '../api/contract.ts';
import { isAbort } from '../api/http.ts';
import { searchPlaces } from '../api/locate.api.ts';
import { useDebounced } from '../dispatch/use-debounced.ts';

export type SearchHit = PlaceSearchResult['results'][number];

/**
 * The 一张图's search box: a town, community, grid (name or code), organization, position,
 * new-type organization (name or credit code) or a building by its address. Choosing one flies there.
 */
export function OneMapSearch({ onChoose }: { onChoose: (hit: SearchHit) => void }) {
  const { t } = useTranslation(['oneMap', 'translation']);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const [results, setResults] = useState<SearchHit[] | null>(null);
  const [failed, setFailed] = useState(false);
  // the name of the hit just chosen stands in the box; it is not a new question
  const chosen = useRef<string | null>(null);

  useEffect(() => {
    if (!q || q === chosen.current) {
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

  const choose = (hit: SearchHit) => {
    setResults(null);
    chosen.current = hit.name;
    setText(hit.name);
    onChoose(hit);
  };

  return (
    <div className="one-map-search" role="search">
      <input
        type="search"
        data-testid="one-map-search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('oneMap:search.placeholder')}
        aria-label={t('oneMap:search.label')}
        maxLength={50}
      />
      {failed && <p className="form-error">{t('oneMap:search.failed')}</p>}
      {results !== null && (
        <ul className="one-map-search-results" data-testid="one-map-search-results">
          {results.length === 0 && <li className="muted">{t('oneMap:search.none')}</li>}
          {results.map((r) => (
            <li key={`${r.kind}-${r.ref}`}>
              <button type="button" data-testid="one-map-search-result" data-kind={r.kind} data-ref={r.ref} onClick={() => choose(r)}>
                <span className="tag">{t(`translation:dispatch.search.kind.${r.kind}`)}</span>
                <span className="name">{r.name}</span>
                {r.context && <span className="muted context">{r.context}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
