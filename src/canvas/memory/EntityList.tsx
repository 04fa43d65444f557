import { useMemo, useState } from 'react';
import { entityTypes, type Entity, type EntityType } from '../../memory/schema.ts';

/**
 * Every entity by name, filterable, and the kinds the graph shows: the keyboard's way into the
 * graph (Tab to an entity, Enter to open it).
 */
export function EntityList({
  entities,
  selected,
  onSelect,
  kinds,
  onKinds,
}: {
  entities: readonly Entity[];
  selected: string | undefined;
  onSelect: (id: string) => void;
  kinds: readonly EntityType[];
  onKinds: (kinds: EntityType[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const counts = useMemo(() => {
    const c = new Map<EntityType, number>();
    for (const e of entities) c.set(e.type, (c.get(e.type) ?? 0) + 1);
    return c;
  }, [entities]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return entities
      .filter((e) => kinds.length === 0 || kinds.includes(e.type))
      .filter((e) => !q || e.name.toLowerCase().includes(q))
      .slice(0, 500);
  }, [entities, kinds, filter]);
  const toggle = (kind: EntityType) =>
    onKinds(kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind]);

  return (
    <div className="entity-sidebar">
      <div className="kind-filter" role="group" aria-label="Show kinds">
        {entityTypes
          .filter((k) => counts.has(k))
          .map((kind) => (
            <button
              key={kind}
              type="button"
              className="kind-chip"
              data-kind={kind}
              aria-pressed={kinds.includes(kind)}
              onClick={() => toggle(kind)}
            >
              {kind} <span className="kind-count">{counts.get(kind)}</span>
            </button>
          ))}
      </div>
      <input
        type="search"
        className="memory-input"
        aria-label="Find an entity"
        placeholder="Find an entity…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul className="entity-list" aria-label="Entity list">
        {shown.map((e) => (
          <li key={e.id} data-entity={e.name}>
            <button
              type="button"
              className={`entity-row${e.id === selected ? ' selected' : ''}`}
              aria-current={e.id === selected || undefined}
              onClick={() => onSelect(e.id)}
            >
              <span className="entity-dot" data-kind={e.type} aria-hidden="true" />
              <span className="visually-hidden">{e.type} </span>
              {e.name}
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="memory-empty">No entity matches.</p>}
    </div>
  );
}
