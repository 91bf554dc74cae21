import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort } from '../api/http.ts';
import { fetchOrgs } from '../api/orgs.api.ts';
import type { OrgSummary } from '../api/contract.ts';
import { useDebounced } from '../dispatch/use-debounced.ts';

export interface OrgTreeProps {
  /** the organization shown on the map */
  selectedId: number | null;
  onSelect: (org: OrgSummary) => void;
}

type Children = OrgSummary[] | 'loading' | undefined;

function useChildren() {
  const [children, setChildren] = useState<Record<string, Children>>({});
  const load = useCallback((key: string, parent: number | 'root') => {
    setChildren((all) => ({ ...all, [key]: 'loading' }));
    fetchOrgs({ parent, limit: 500 }).then(
      (answer) => setChildren((all) => ({ ...all, [key]: answer.orgs })),
      () => setChildren((all) => ({ ...all, [key]: [] })),
    );
  }, []);
  return { children, load };
}

function OrgRow({ org, selected, onSelect }: { org: OrgSummary; selected: boolean; onSelect: (org: OrgSummary) => void }) {
  const { t } = useTranslation('registry');
  return (
    <button
      type="button"
      className={selected ? 'tree-name is-selected' : 'tree-name'}
      onClick={() => onSelect(org)}
      data-testid="org-tree-name"
      data-org-id={org.id}
      aria-current={selected ? 'true' : undefined}
    >
      <span className={`org-kind-dot kind-${org.kind}`} aria-hidden="true" />
      <span className="tree-label">{org.name}</span>
      <span className="tree-count" title={t('tree.members', { count: org.member_count })}>
        {org.member_count}
      </span>
    </button>
  );
}

function TreeNode({ org, depth, tree, selectedId, onSelect }: { org: OrgSummary; depth: number; tree: ReturnType<typeof useChildren> } & OrgTreeProps) {
  const { t } = useTranslation('registry');
  const [open, setOpen] = useState(false);
  const key = String(org.id);
  const kids = tree.children[key];
  const toggle = () => {
    if (!open && kids === undefined) tree.load(key, org.id);
    setOpen(!open);
  };
  return (
    <li role="treeitem" aria-expanded={org.children_count > 0 ? open : undefined} aria-level={depth + 1} aria-selected={selectedId === org.id}>
      <div className="tree-row" style={{ paddingLeft: `${depth * 14}px` }}>
        {org.children_count > 0 ? (
          <button
            type="button"
            className="tree-toggle"
            onClick={toggle}
            aria-label={t(open ? 'tree.collapse' : 'tree.expand', { name: org.name })}
            data-testid="org-tree-toggle"
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle" aria-hidden="true" />
        )}
        <OrgRow org={org} selected={selectedId === org.id} onSelect={onSelect} />
      </div>
      {open && (
        <ul role="group">
          {kids === 'loading' || kids === undefined ? (
            <li className="muted tree-loading">{t('loading')}</li>
          ) : (
            kids.map((child) => <TreeNode key={child.id} org={child} depth={depth + 1} tree={tree} selectedId={selectedId} onSelect={onSelect} />)
          )}
        </ul>
      )}
    </li>
  );
}

function useSearch(q: string) {
  const settled = useDebounced(q.trim(), 300);
  const [found, setFound] = useState<OrgSummary[] | null>(null);
  useEffect(() => {
    if (settled === '') {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    fetchOrgs({ q: settled, limit: 50 }, controller.signal).then(
      (answer) => setFound(answer.orgs),
      (error: unknown) => {
        if (!isAbort(error)) setFound([]);
      },
    );
    return () => controller.abort();
  }, [settled]);
  return found;
}

/**
 * 党组织 tree: the top organizations of the caller's scope, each opened on demand (its children
 * asked for when it is expanded), and a search box that lists matches flat instead.
 */
export function OrgTree({ selectedId, onSelect }: OrgTreeProps) {
  const { t } = useTranslation('registry');
  const tree = useChildren();
  const [q, setQ] = useState('');
  const found = useSearch(q);
  const roots = tree.children['root'];
  const { load } = tree;
  useEffect(() => load('root', 'root'), [load]);

  return (
    <section className="org-tree" aria-label={t('tree.title')} data-testid="org-tree">
      <input
        type="search"
        className="tree-search"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        placeholder={t('tree.search')}
        aria-label={t('tree.search')}
        data-testid="org-tree-search"
      />
      {found !== null ? (
        <ul className="tree-results" data-testid="org-tree-results">
          {found.length === 0 && <li className="muted tree-loading">{t('tree.noResults')}</li>}
          {found.map((org) => (
            <li key={org.id} className="tree-row">
              <OrgRow org={org} selected={selectedId === org.id} onSelect={onSelect} />
              <small className="muted tree-area">{org.area_name}</small>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="tree-root" role="tree" aria-label={t('tree.title')}>
          {roots === 'loading' || roots === undefined ? (
            <li className="muted tree-loading">{t('loading')}</li>
          ) : (
            roots.map((org) => <TreeNode key={org.id} org={org} depth={0} tree={tree} selectedId={selectedId} onSelect={onSelect} />)
          )}
        </ul>
      )}
    </section>
  );
}
