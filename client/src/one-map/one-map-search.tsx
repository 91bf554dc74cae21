import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlaceSearch, type PlaceHit } from '../locate/use-place-search.ts';

export type SearchHit = PlaceHit;

/**
 * The 一张图's search box: a town, community, grid (name or code), organization, position,
 * new-type organization (name or credit code) or a building by its address. Choosing one flies there.
 */
export function OneMapSearch({ onChoose }: { onChoose: (hit: SearchHit) => void }) {
  const { t } = useTranslation(['oneMap', 'translation']);
  const [text, setText] = useState('');
  // the name of the hit just chosen stands in the box; it is not a new question
  const [chosen, setChosen] = useState<string | null>(null);
  const { results: found, failed } = usePlaceSearch(text, chosen);
  const results = text.trim() === chosen ? null : found;

  const choose = (hit: SearchHit) => {
    setChosen(hit.name);
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
