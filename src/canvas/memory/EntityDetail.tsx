import { useState, type FormEvent } from 'react';
import type { Entity, MemoryItem, Relation } from '../../memory/schema.ts';
import { deleteEntityChange, linkChange, unlinkChange } from './changes.ts';
import { EntityForm } from './EntityForm.tsx';
import { EntitySelect } from './EntitySelect.tsx';
import { MemoryRow } from './MemoryRow.tsx';
import type { MemoryService } from './service.ts';
import { useMemoryLinks } from './links.ts';
import { runStepsOf } from './runSteps.ts';
import { useMemoryQuery } from './useMemory.ts';

interface Around {
  readonly relations: Relation[];
  readonly memories: MemoryItem[];
}

/** An entity opened from the graph or the list: its fields, relations and memories. */
export function EntityDetail({
  service,
  entity,
  entities,
  onSelect,
  onFocus,
}: {
  service: MemoryService;
  entity: Entity;
  entities: readonly Entity[];
  onSelect: (id: string | undefined) => void;
  onFocus: (id: string) => void;
}) {
  const around = useMemoryQuery<Around>(
    service,
    async (m) => ({
      relations: (await m.neighbourhood(entity.id)).relations,
      memories: await m.about(entity.id, 100),
    }),
    { relations: [], memories: [] },
    entity.id,
  );
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [link, setLink] = useState({ type: 'related-to', to: '' });
  const names = (id: string) => entities.find((e) => e.id === id)?.name ?? id;

  const addLink = async (event: FormEvent) => {
    event.preventDefault();
    const to = entities.find((e) => e.id === link.to);
    if (to) await service.change(linkChange(entity, to, link.type.trim() || 'related-to'));
  };
  const remove = async () => {
    const change = await deleteEntityChange(service.memory, entity);
    if (await service.change(change)) onSelect(undefined);
  };

  return (
    <section className="entity-detail" aria-label={`Entity ${entity.name}`}>
      <header className="entity-detail-head">
        <span className="entity-kind" data-kind={entity.type}>
          {entity.type}
        </span>
        <h3>{entity.name}</h3>
        <div className="memory-actions">
          <button type="button" className="button-small" onClick={() => onFocus(entity.id)}>
            Neighbourhood
          </button>
          <button
            type="button"
            className="button-small"
            aria-label={`Edit ${entity.name}`}
            onClick={() => setEditing(!editing)}
          >
            Edit
          </button>
          <button
            type="button"
            className="button-small danger"
            aria-label={`Delete ${entity.name}`}
            onClick={() => setConfirm(true)}
          >
            Delete
          </button>
        </div>
      </header>
      {confirm && (
        <p className="memory-confirm" role="alert">
          Delete {entity.name} and its {around.relations.length} relations? Memories about it stay.{' '}
          <button type="button" className="button-small danger" onClick={() => void remove()}>
            Yes, delete
          </button>{' '}
          <button type="button" className="button-small" onClick={() => setConfirm(false)}>
            Keep
          </button>
        </p>
      )}
      {editing ? (
        <EntityForm
          key={entity.updatedAt}
          service={service}
          editing={entity}
          onDone={() => setEditing(false)}
        />
      ) : (
        <dl className="entity-fields">
          {Object.entries(entity.properties).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
          {Object.keys(entity.properties).length === 0 && (
            <p className="memory-empty">No fields. Edit to add some (key = value).</p>
          )}
        </dl>
      )}

      <h4>Relations</h4>
      <ul className="relation-list" aria-label={`Relations of ${entity.name}`}>
        {around.relations.map((r) => (
          <li key={r.id}>
            <button type="button" className="memory-link" onClick={() => onSelect(r.from)}>
              {names(r.from)}
            </button>{' '}
            <span className="relation-type">—{r.type}→</span>{' '}
            <button type="button" className="memory-link" onClick={() => onSelect(r.to)}>
              {names(r.to)}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Unlink ${r.type} ${names(r.to)}`}
              onClick={() => void service.change(unlinkChange(r, names))}
            >
              ×
            </button>
          </li>
        ))}
        {around.relations.length === 0 && <li className="memory-empty">Not linked yet.</li>}
      </ul>
      <form
        className="memory-form-row"
        aria-label="Link entities"
        onSubmit={(e) => void addLink(e)}
      >
        <input
          className="memory-input"
          aria-label="Relation type"
          value={link.type}
          onChange={(e) => setLink({ ...link, type: e.target.value })}
        />
        <EntitySelect
          label="Link to"
          empty="to…"
          entities={entities.filter((e) => e.id !== entity.id)}
          value={link.to}
          onChange={(to) => setLink({ ...link, to })}
          required
        />
        <button type="submit" className="button-small">
          Link
        </button>
      </form>

      <EntityRuns memories={around.memories} />

      <h4>Memories ({around.memories.length})</h4>
      <ul className="memory-rows" aria-label={`Memories about ${entity.name}`}>
        {around.memories.map((m) => (
          <li key={m.id}>
            <MemoryRow service={service} item={m} names={names} />
          </li>
        ))}
        {around.memories.length === 0 && (
          <li className="memory-empty">No memory mentions {entity.name} yet.</li>
        )}
      </ul>
    </section>
  );
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function EntityRuns({ memories }: { memories: readonly MemoryItem[] }) {
  const { openRun } = useMemoryLinks();
  const steps = runStepsOf(memories);
  if (steps.length === 0) return null;
  return (
    <>
      <h4>Runs ({steps.length})</h4>
      <ul
        className="memory-rows entity-runs"
        aria-label="Runs that wrote or recalled these memories"
      >
        {steps.map((s) => {
          const what = `${s.did} ${s.count} ${s.count === 1 ? 'memory' : 'memories'}`;
          const where = `${s.nodeId} in run ${s.runId.slice(0, 8)}`;
          return (
            <li key={`${s.did} ${s.runId} ${s.nodeId}`} className="entity-run">
              <span className="memory-state" data-did={s.did}>
                {what}
              </span>{' '}
              {openRun ? (
                <button
                  type="button"
                  className="memory-link"
                  title="Open the run at this step"
                  onClick={() => openRun(s.runId, s.nodeId)}
                >
                  {where}
                </button>
              ) : (
                <span>{where}</span>
              )}{' '}
              <span className="memory-source">· {when.format(s.at)}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
