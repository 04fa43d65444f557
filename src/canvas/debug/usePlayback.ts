import { useEffect, useRef } from 'react';
import type { RunEvent } from '../../engine/index.ts';

const STEP_MS = 350;

/**
 * Plays a finished run back: picks its events one by one, as if it were running, so the canvas
 * and the timeline show it unfold. Stops at the end, or as soon as the person picks a step.
 */
export function usePlayback(
  active: boolean,
  events: readonly RunEvent[],
  seq: number | null,
  scrub: (seq: number) => void,
): void {
  // The step playback is at, and whether the shown step has caught up with it yet.
  const at = useRef<number | null>(null);
  const synced = useRef(false);
  useEffect(() => {
    if (!active || events.length === 0) return;
    const go = (to: number) => {
      at.current = to;
      synced.current = false;
      scrub(to);
    };
    go(events[0]!.seq);
    const timer = setInterval(() => {
      const next = events.find((e) => e.seq > (at.current ?? 0));
      if (next) go(next.seq);
      else clearInterval(timer);
    }, STEP_MS);
    return () => clearInterval(timer);
  }, [active, events, scrub]);
  // Once the shown step has caught up, another one is the person's pick: playback hands over.
  useEffect(() => {
    if (at.current === null) return;
    if (seq === at.current) synced.current = true;
    else if (synced.current) at.current = Infinity;
  }, [seq]);
}
