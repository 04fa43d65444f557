import { useState, type FormEvent } from 'react';
import { entityTypes, type Entity, type EntityType } from '../../memory/schema.ts';
import { saveEntityChange } from './changes.ts';
import type { MemoryService } from './service.ts';

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

const isEntityType = (value: string): value is EntityType =>
  (entityTypes as readonly string[]).includes(value);

/** Adds an entity, or edits `editing`; undoable. On failure what was typed stays. */
export function EntityForm({
  service,
  editing,
  onDone,
}: {
  service: MemoryService;
  editing?: Entity;
  onDone?: (entity: string) => void;
}) {
  const [type, setType] = useState<EntityType>(editing?.type ?? 'client');
  const [name, setName] = useState(editing?.name ?? '');
  const [properties, setProperties] = useState(editing ? formatProperties(editing.properties) : '');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      ...(editing ? { id: editing.id } : {}),
      type,
      name,
      properties: parseProperties(properties),
    };
    if (!(await service.change(saveEntityChange(input, editing)))) return;
    if (!editing) {
      setName('');
      setProperties('');
    }
    const saved = (await service.memory.entities()).find((e) => e.name === name.trim());
    if (saved) onDone?.(saved.id);
  };

  return (
    <form
      className="memory-form"
      onSubmit={(e) => void save(e)}
      aria-label={editing ? 'Edit entity' : 'New entity'}
    >
      <div className="memory-form-row">
        <label className="memory-field">
          <span>Kind</span>
          <select
            aria-label="Entity type"
            value={type}
            onChange={(e) => isEntityType(e.target.value) && setType(e.target.value)}
          >
            {entityTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="memory-field grow">
          <span>Name</span>
          <input
            aria-label="Entity name"
            placeholder="Acme Ltd"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
      </div>
      <label className="memory-field">
        <span>Fields</span>
        <textarea
          aria-label="Entity properties"
          placeholder="key = value, one per line"
          rows={2}
          value={properties}
          onChange={(e) => setProperties(e.target.value)}
        />
      </label>
      <div className="memory-actions">
        <button type="submit" className="button-small primary">
          {editing ? 'Save entity' : 'Add entity'}
        </button>
        {editing && onDone && (
          <button type="button" className="button-small" onClick={() => onDone(editing.id)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
