import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { RunEvent } from '../../engine/index.ts';
import { isExternal, summary } from './step.ts';

const ROW = 24;

/**
 * The run's event log with a scrubber. Only the rows in view (and a margin) are in the DOM, so a
 * log of 100,000 events scrolls as smoothly as one of 20. Without a picked step it follows the
 * newest event.
 */
export function Timeline({
  events,
  seq,
  following,
  onPick,
  empty = 'No events yet',
}: {
  events: readonly RunEvent[];
  seq: number | null;
  following: boolean;
  onPick: (seq: number | null) => void;
  /** What an empty log says (a queued run's is waiting for a worker). */
  empty?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // The compiler leaves this component unmemoized; the virtualizer re-renders it as it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 40,
  });
  const index = seq === null ? -1 : events.findIndex((e) => e.seq === seq);
  useEffect(() => {
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [index, virtualizer]);

  if (events.length === 0) return <p className="panel-empty">{empty}</p>;
  const last = events.at(-1)?.seq ?? 1;
  const move = (by: number) => {
    const next = events[Math.min(events.length - 1, Math.max(0, index + by))];
    if (next) onPick(next.seq);
  };
  return (
    <div className="timeline">
      <div className="scrubber">
        <button type="button" aria-label="Previous step" onClick={() => move(-1)}>
          ‹
        </button>
        <input
          type="range"
          aria-label="Scrubber"
          min={events[0]?.seq ?? 1}
          max={last}
          value={seq ?? last}
          onChange={(e) => onPick(Number(e.target.value))}
        />
        <button type="button" aria-label="Next step" onClick={() => move(1)}>
          ›
        </button>
        <span className="scrubber-at" aria-live="polite">
          {seq ?? last} / {last}
        </span>
        <button
          type="button"
          aria-pressed={following}
          title="Follow the newest event"
          onClick={() => onPick(null)}
        >
          Live
        </button>
      </div>
      <div
        ref={scroller}
        className="timeline-scroller"
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            move(e.key === 'ArrowUp' ? -1 : 1);
          }
        }}
      >
        <ol
          className="event-log"
          aria-label="Event log"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const event = events[row.index];
            if (!event) return null;
            const external = isExternal(event);
            return (
              <li
                key={event.seq}
                data-type={event.type}
                className={external ? 'external' : undefined}
                aria-current={event.seq === seq ? 'step' : undefined}
                style={{ transform: `translateY(${row.start}px)`, height: ROW }}
                onClick={() => onPick(event.seq)}
              >
                <span className="event-seq">{event.seq}</span>
                <span className="event-type">{event.type}</span>
                <span className="event-summary">{summary(event)}</span>
                {external && (
                  <span className="external-mark" title="Touched the outside world">
                    ⇄
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
