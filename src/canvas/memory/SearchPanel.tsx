import { useState, type FormEvent } from 'react';
import type { Entity } from '../../memory/schema.ts';
import type { SearchHit } from '../../memory/searchIndex.ts';
import { EntitySelect } from './EntitySelect.tsx';
import { MemoryRow } from './MemoryRow.tsx';
import { Check } from './Check.tsx';
import type { MemoryService } from './service.ts';

/** The snippet's `[term]` marks as highlighted words. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[[^\]]+\])/g);
  return (
    <p className="memory-snippet">
      {parts.map((part, i) =>
        /^\[[^\]]+\]$/.test(part) ? (
          // The brackets stay in the text (hidden) so copied results still show the match.
          <mark key={i}>
            <span className="visually-hidden">[</span>
            {part.slice(1, -1)}
            <span className="visually-hidden">]</span>
          </mark>
        ) : (
          part
        ),
      )}
    </p>
  );
}

/** How much of a hit's score came from meaning and how much from words. */
function ScoreBars({ hit }: { hit: SearchHit }) {
  return (
    <div className="memory-score" title="fused score: meaning and words">
      <strong>{hit.score.toFixed(2)}</strong>
      <span className="score-bar" aria-hidden="true">
        <span className="score-meaning" style={{ width: `${(hit.meaning ?? 0) * 100}%` }} />
      </span>
      <span className="score-bar" aria-hidden="true">
        <span className="score-words" style={{ width: `${hit.words * 100}%` }} />
      </span>
    </div>
  );
}

/** Hybrid search, scoped by entity, kind, tag and date; results say why they matched. */
export function SearchPanel({
  service,
  entities,
  names,
}: {
  service: MemoryService;
  entities: readonly Entity[];
  names: (id: string) => string;
}) {
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
    <section className="memory-search" aria-label="Search memory">
      <form onSubmit={(e) => void search(e)} className="memory-form" aria-label="Search form">
        <div className="memory-form-row">
          <input
            type="search"
            className="memory-input grow"
            aria-label="Search text"
            placeholder="Ask in plain language: what colours does Acme like?"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button-small primary">
            Search
          </button>
        </div>
        <div className="memory-form-row filters">
          <EntitySelect
            label="Filter by entity"
            empty="any entity"
            entities={entities}
            value={entity}
            onChange={setEntity}
          />
          <input
            className="memory-input narrow"
            aria-label="Filter by kind"
            placeholder="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
          />
          <input
            className="memory-input narrow"
            aria-label="Filter by tag"
            placeholder="tag"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
          <input
            className="memory-input"
            aria-label="Created after"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <Check label="archived too" checked={archived} onChange={setArchived} />
        </div>
      </form>
      {hits && (
        <ol className="memory-results" aria-label="Search results">
          {hits.length === 0 && <li className="memory-empty">Nothing matched.</li>}
          {hits.map((h) => (
            <li key={h.item.id} data-score={h.score.toFixed(3)}>
              <ScoreBars hit={h} />
              <div className="memory-hit">
                <Snippet text={h.snippet} />
                <small className="memory-why">
                  {h.why} · {h.item.kind}
                  {h.item.archived ? ' · archived' : ''}
                </small>
                <details>
                  <summary>The whole memory</summary>
                  <MemoryRow service={service} item={h.item} names={names} />
                </details>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
