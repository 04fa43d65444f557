import { useState, type FormEvent } from 'react';
import { entityTypes, type Entity, type EntityType } from '../../memory/schema.ts';
import { NeighbourhoodGraph } from './NeighbourhoodGraph.tsx';
import type { MemoryService } from './service.ts';
import { useMemoryQuery } from './useMemory.ts';
import { EntitySelect } from './EntitySelect.tsx';

/** `key = value` lines ↔ a property record. */
const parseProperties = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.split('='))
      .filter((parts) => parts.length >= 2 && parts[0]!.trim())
      .map(([key, ...rest]) => [key!.trim(), rest.join('=').trim()]),
  );
const formatProperties = (p: Record<string, string>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');

export function EntitiesPanel({ service }: { service: MemoryService }) {
  const entities = useMemoryQuery(service, (m) => m.entities(), [] as Entity[]);
  const [editing, setEditing] = useState<Entity | null>(null);
  const [type, setType] = useState<EntityType>('client');
  const [name, setName] = useState('');
  const [properties, setProperties] = useState('');
  const [selected, setSelected] = useState<string>('');
  const [link, setLink] = useState({ from: '', type: 'related-to', to: '' });

  const edit = (e: Entity | null) => {
    setEditing(e);
    setType(e?.type ?? 'client');
    setName(e?.name ?? '');
    setProperties(e ? formatProperties(e.properties) : '');
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await service.act((m) =>
      m.putEntity({
        ...(editing ? { id: editing.id } : {}),
        type,
        name,
        properties: parseProperties(properties),
      }),
    );
    if (saved) edit(null);
  };

  const addLink = async (event: FormEvent) => {
    event.preventDefault();
    if (await service.act((m) => m.link(link.from, link.to, link.type.trim() || 'related-to')))
      setSelected(link.from);
  };

  return (
    <section className="memory-panel" aria-label="Entities">
      <h2>Entities</h2>
      <form onSubmit={(e) => void save(e)} aria-label={editing ? 'Edit entity' : 'New entity'}>
        <select
          aria-label="Entity type"
          value={type}
          onChange={(e) => setType(e.target.value as EntityType)}
        >
          {entityTypes.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <input
          aria-label="Entity name"
          placeholder="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <textarea
          aria-label="Entity properties"
          placeholder="key = value, one per line"
          rows={2}
          value={properties}
          onChange={(e) => setProperties(e.target.value)}
        />
        <button type="submit">{editing ? 'Save entity' : 'Add entity'}</button>
        {editing && (
          <button type="button" onClick={() => edit(null)}>
            Cancel
          </button>
        )}
      </form>
      <ul className="memory-list" aria-label="Entity list">
        {entities.map((e) => (
          <li key={e.id} data-entity={e.name}>
            <button type="button" className="memory-link" onClick={() => setSelected(e.id)}>
              <span className="memory-badge">{e.type}</span> {e.name}
            </button>
            <button type="button" aria-label={`Edit ${e.name}`} onClick={() => edit(e)}>
              Edit
            </button>
            <button
              type="button"
              aria-label={`Delete ${e.name}`}
              onClick={() => void service.act((m) => m.deleteEntity(e.id))}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void addLink(e)} aria-label="Link entities" className="memory-row">
        <EntitySelect
          label="Link from"
          empty="from…"
          entities={entities}
          value={link.from}
          onChange={(from) => setLink({ ...link, from })}
          required
        />
        <input
          aria-label="Relation type"
          value={link.type}
          onChange={(e) => setLink({ ...link, type: e.target.value })}
        />
        <EntitySelect
          label="Link to"
          empty="to…"
          entities={entities}
          value={link.to}
          onChange={(to) => setLink({ ...link, to })}
          required
        />
        <button type="submit">Link</button>
      </form>
      {selected && <NeighbourhoodGraph service={service} entityId={selected} />}
    </section>
  );
}
