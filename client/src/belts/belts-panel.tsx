import { useState } from 'react';
import type { BeltRecord } from '../api/contract.ts';
import type { OneMapToolProps } from '../one-map/one-map-tool.ts';
import { canEditRegistry } from '../registry/registry-roles.ts';
import { BeltEditor } from './belt-editor.tsx';
import { BeltList } from './belt-list.tsx';
import { BeltRecordPanel } from './belt-record.tsx';
import '../styles/belts.css';

type View = { kind: 'list' } | { kind: 'record'; id: number } | { kind: 'edit'; belt: BeltRecord | null };

/**
 * 示范带 in the 一张图's tool drawer: the belts in scope; one belt shown whole with what its
 * corridor holds; a new belt drawn by clicking model sites in order, or a belt changed.
 */
export function BeltsPanel({ host, user }: OneMapToolProps) {
  const [view, setView] = useState<View>({ kind: 'list' });
  const canEdit = canEditRegistry(user);
  const list = () => setView({ kind: 'list' });
  switch (view.kind) {
    case 'list':
      return (
        <BeltList
          canEdit={canEdit}
          onNew={() => setView({ kind: 'edit', belt: null })}
          onOpen={(belt) => {
            if (belt.bbox) host.fitBounds(belt.bbox);
            setView({ kind: 'record', id: belt.id });
          }}
        />
      );
    case 'record':
      return <BeltRecordPanel key={view.id} id={view.id} host={host} canEdit={canEdit} onBack={list} onEdit={(belt) => setView({ kind: 'edit', belt })} />;
    case 'edit':
      return (
        <BeltEditor
          host={host}
          user={user}
          belt={view.belt}
          onSaved={(belt) => setView({ kind: 'record', id: belt.id })}
          onCancel={() => (view.belt ? setView({ kind: 'record', id: view.belt.id }) : list())}
        />
      );
  }
}
