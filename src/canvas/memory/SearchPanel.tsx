import { useState, type FormEvent } from 'react';
import type { Entity, MemoryItem } from '../../memory/schema.ts';
import type { SearchHit } from '../../memory/searchIndex.ts';
import type { MemoryService } from './service.ts';
import { useMemoryQuery } from './useMemory.ts';
import { EntitySelect } from './EntitySelect.tsx';

export function SearchPanel({ service }: { service: MemoryService }) {
  const entities = useMemoryQuery(service, (m) => m.entities(), [] as Entity[]);
  const [text, setText] = useState('');
  const [entity, setEntity] = useState('');
  const [kind, setKind] = useState('');
  const [tag, setTag] = useState('');
  const [from, setFrom] = useState('');
  const [archived, setArchived] = useState(false);
  const [hits, setHits] = useState<SearchHit[] | null>(null);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const found = await service.act((m) =>
      m.search({
        text,
        topK: 20,
        ...(entity ? { entities: [entity] } : {}),
        ...(kind ? { kinds: [kind] } : {}),
        ...(tag ? { tags: [tag] } : {}),
        ...(from ? { from: Date.parse(from) } : {}),
        includeArchived: archived,
      }),
    );
    if (found) setHits(found);
  };

  return (
    <section className="memory-panel" aria-label="Search memory">
      <h2>Search</h2>
      <form onSubmit={(e) => void search(e)} className="memory-row" aria-label="Search form">
        <input
          aria-label="Search text"
          placeholder="Ask in plain language"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <EntitySelect
          label="Filter by entity"
          empty="any entity"
          entities={entities}
          value={entity}
          onChange={setEntity}
        />
        <input
          aria-label="Filter by kind"
          placeholder="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
        />
        <input
          aria-label="Filter by tag"
          placeholder="tag"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
        />
        <input
          aria-label="Created after"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <label>
          <input
            type="checkbox"
            checked={archived}
            onChange={(e) => setArchived(e.target.checked)}
          />{' '}
          archived
        </label>
        <button type="submit">Search</button>
      </form>
      {hits && (
        <ol className="memory-results" aria-label="Search results">
          {hits.length === 0 && <li>Nothing matched.</li>}
          {hits.map((h) => (
            <li key={h.item.id} data-score={h.score.toFixed(3)}>
              <div className="memory-score" title="fused score">
                {h.score.toFixed(2)}
              </div>
              <div>
                <div className="memory-snippet">{h.snippet}</div>
                <small className="memory-why">
                  {h.why} · {h.item.kind}
                  {h.item.archived ? ' · archived' : ''}
                </small>
                {h.item.summarizes && h.item.summarizes.length > 0 && (
                  <Archived service={service} summary={h.item} />
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The memories a summary stands for, on request: compaction archives them, never loses them. */
function Archived({ service, summary }: { service: MemoryService; summary: MemoryItem }) {
  const [items, setItems] = useState<MemoryItem[] | null>(null);
  if (!items)
    return (
      <button
        type="button"
        onClick={() =>
          void service.act((m) => m.summarized(summary.id)).then((found) => setItems(found ?? []))
        }
      >
        Show {summary.summarizes?.length} archived
      </button>
    );
  return (
    <ul className="memory-list" aria-label="Archived memories">
      {items.map((m) => (
        <li key={m.id}>{m.text}</li>
      ))}
    </ul>
  );
}
