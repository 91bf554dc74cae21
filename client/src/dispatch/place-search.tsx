import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLatTuple } from '../api/locate.api.ts';
import { usePlaceSearch } from '../locate/use-place-search.ts';

/**
 * 地点搜索: a building, compound, community, grid (name or code), organization or service center
 * by name; choosing one places the incident there. Typed, so it also works without a pointer.
 */
export function PlaceSearch({ onPlace }: { onPlace: (position: LngLatTuple) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { results, failed } = usePlaceSearch(text);

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
