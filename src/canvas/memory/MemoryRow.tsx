import { useState } from 'react';
import type { MemoryItem } from '../../memory/schema.ts';
import { useMemoryLinks } from './links.ts';
import type { MemoryService } from './service.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Where a memory came from, in words. */
function sourceOf(item: MemoryItem): string {
  switch (item.source.type) {
    case 'run':
      return `run ${item.source.runId} · ${item.source.nodeId}`;
    case 'user':
      return 'added by hand';
    case 'import':
      return `imported from ${item.source.file}`;
    case 'compaction':
      return `summary by ${item.source.by ?? 'extractive compaction'}`;
  }
}

/** One memory, readable: its text, what it is about, where it came from and its state. */
export function MemoryRow({
  service,
  item,
  names,
}: {
  service: MemoryService;
  item: MemoryItem;
  names: (id: string) => string;
}) {
  const embedded = service.memory.isEmbedded(item.id);
  const { openRun } = useMemoryLinks();
  const { source } = item;
  return (
    <div className="memory-row-item" data-memory={item.id}>
      <div className="memory-row-main">
        <p className="memory-text">{item.text}</p>
        <p className="memory-meta">
          <span className="memory-badge">{item.kind}</span>
          {item.entities.map((e) => (
            <span key={e} className="memory-entity">
              {names(e)}
            </span>
          ))}
          {item.tags.map((t) => (
            <span key={t} className="memory-tag">
              #{t}
            </span>
          ))}
          <span className="memory-source" title={new Date(item.createdAt).toISOString()}>
            {source.type === 'run' && openRun ? (
              <button
                type="button"
                className="memory-link"
                title="Open the run at the step that wrote this memory"
                onClick={() => openRun(source.runId, source.nodeId)}
              >
                {sourceOf(item)}
              </button>
            ) : (
              sourceOf(item)
            )}{' '}
            · {when.format(item.createdAt)}
          </span>
          {!embedded && <span className="memory-state">not embedded yet</span>}
          {item.archived === 1 && <span className="memory-state">archived</span>}
          {item.recallCount > 0 && (
            <span className="memory-state">recalled {item.recallCount}×</span>
          )}
        </p>
        {item.summarizes && item.summarizes.length > 0 && (
          <Originals service={service} summary={item} />
        )}
      </div>
      <button
        type="button"
        className="button-small"
        aria-label={`Delete memory ${item.text.slice(0, 30)}`}
        title={
          item.summarizes?.length
            ? `Deletes this summary; the ${item.summarizes.length} memories it archived come back`
            : undefined
        }
        onClick={() => void service.act((m) => m.deleteMemory(item.id))}
      >
        Delete
      </button>
    </div>
  );
}

/** The memories a summary stands for, on request: compaction archives them, never loses them. */
function Originals({ service, summary }: { service: MemoryService; summary: MemoryItem }) {
  const [items, setItems] = useState<MemoryItem[] | null>(null);
  if (!items)
    return (
      <button
        type="button"
        className="button-small"
        onClick={() =>
          void service.act((m) => m.summarized(summary.id)).then((found) => setItems(found ?? []))
        }
      >
        Show the {summary.summarizes?.length} archived originals
      </button>
    );
  return (
    <ul className="memory-originals" aria-label="Archived memories">
      {items.map((m) => (
        <li key={m.id}>{m.text}</li>
      ))}
    </ul>
  );
}
