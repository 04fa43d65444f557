import { useState } from 'react';
import type { Entity, EntityType, Relation } from '../../memory/schema.ts';
import { EntityDetail } from './EntityDetail.tsx';
import { EntityForm } from './EntityForm.tsx';
import { EntityList } from './EntityList.tsx';
import { ContextGraph } from './graph/ContextGraph.tsx';
import type { MemoryService } from './service.ts';

/** The context graph: entities to pick from, the graph itself, and the picked entity. */
export function GraphTab({
  service,
  entities,
  relations,
  visible,
}: {
  service: MemoryService;
  entities: readonly Entity[];
  relations: readonly Relation[];
  visible: boolean;
}) {
  const [selected, setSelected] = useState<string | undefined>();
  const [focus, setFocus] = useState<string | undefined>();
  const [kinds, setKinds] = useState<EntityType[]>([]);
  const [linkType, setLinkType] = useState('related-to');
  const entity = entities.find((e) => e.id === selected);

  return (
    <div className="memory-graph-tab">
      <aside className="memory-side" aria-label="Entities">
        <EntityForm service={service} onDone={setSelected} />
        <EntityList
          entities={entities}
          selected={selected}
          onSelect={setSelected}
          kinds={kinds}
          onKinds={setKinds}
        />
      </aside>
      <div className="memory-graph-area">
        <div className="graph-toolbar">
          <label className="memory-field inline">
            <span>Dragging ● to an entity links it as</span>
            <input
              className="memory-input narrow"
              aria-label="New links are"
              value={linkType}
              onChange={(e) => setLinkType(e.target.value)}
            />
          </label>
          {focus && (
            <button type="button" className="button-small" onClick={() => setFocus(undefined)}>
              Show the whole graph
            </button>
          )}
        </div>
        <ContextGraph
          service={service}
          entities={entities}
          relations={relations}
          kinds={kinds}
          focus={focus}
          selected={selected}
          onSelect={setSelected}
          linkType={linkType.trim() || 'related-to'}
          visible={visible}
        />
      </div>
      {entity ? (
        <EntityDetail
          key={entity.id}
          service={service}
          entity={entity}
          entities={entities}
          onSelect={setSelected}
          onFocus={setFocus}
        />
      ) : (
        <section className="entity-detail empty" aria-label="No entity chosen">
          <p className="memory-empty">
            Pick an entity in the graph or the list to see its fields, relations and memories.
          </p>
        </section>
      )}
    </div>
  );
}
