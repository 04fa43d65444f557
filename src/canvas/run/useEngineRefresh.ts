import { useEffect } from 'react';
import { engine } from './engine.ts';

/**
 * Calls `refresh` as the engine's events arrive and as runs' records are written (a status is
 * written after the events that led to it, however far behind the writes are), coalesced to one
 * call per frame; and once the worker has resumed what was under way at start-up (`onReady` first).
 */
export function useEngineRefresh(refresh: () => void, onReady?: () => void): void {
  useEffect(() => {
    let queued = false;
    const schedule = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        refresh();
      });
    };
    const offEvents = engine().onEvent(schedule);
    const offRecords = engine().onRecord(schedule);
    void engine()
      .api.ready()
      .then(() => {
        onReady?.();
        refresh();
      });
    return () => {
      offEvents();
      offRecords();
    };
  }, [refresh, onReady]);
}
