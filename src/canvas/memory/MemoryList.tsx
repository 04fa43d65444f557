import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { MemoryItem } from '../../memory/schema.ts';
import { MemoryRow } from './MemoryRow.tsx';
import type { MemoryService } from './service.ts';
import { useMemoryQuery, useServiceState } from './useMemory.ts';

const PAGE = 100;
/** Rows have one height (the text is cut at two lines), so scrolling never jumps. */
const ROW = 68;

/**
 * Every memory, newest first, in a list that keeps only the rows in view in the DOM and loads
 * them a page at a time: a workspace of 100,000 memories opens as fast as one of ten.
 */
export function MemoryList({
  service,
  names,
  archived,
}: {
  service: MemoryService;
  names: (id: string) => string;
  archived: boolean;
}) {
  const total = useMemoryQuery(service, (m) => m.count(archived), 0, archived);
  const { version } = useServiceState(service);
  const [pages, setPages] = useState<ReadonlyMap<number, readonly MemoryItem[]>>(new Map());
  const loading = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();

  // Any change to the memory may move every row: pages are loaded again as they are needed.
  useEffect(() => {
    loading.current.clear();
    setPages(new Map());
  }, [version, archived]);

  const first = rows[0]?.index ?? 0;
  const last = rows.at(-1)?.index ?? 0;
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (pages.has(p) || loading.current.has(p) || total === 0) continue;
      loading.current.add(p);
      void service.memory
        .page({ offset: p * PAGE, limit: PAGE, includeArchived: archived })
        .then((items) => setPages((current) => new Map(current).set(p, items)));
    }
  }, [first, last, pages, total, archived, service]);

  if (total === 0) return <p className="memory-empty">No memories yet.</p>;
  return (
    <div className="memory-scroller" ref={scroller}>
      <ul
        className="memory-rows"
        aria-label="Recent memories"
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {rows.map((row) => {
          const item = pages.get(Math.floor(row.index / PAGE))?.[row.index % PAGE];
          return (
            <li
              key={row.key}
              className="memory-virtual-row"
              style={{ height: ROW, transform: `translateY(${row.start}px)` }}
            >
              {item ? (
                <MemoryRow service={service} item={item} names={names} />
              ) : (
                <div className="memory-row-item placeholder">Loading…</div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
