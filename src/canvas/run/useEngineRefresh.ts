import { useEffect } from 'react';
import { engine } from './engine.ts';

/**
 * Calls `refresh` as the engine's events arrive, coalesced to one call per frame plus a trailing
 * one (the worker writes a run's record just after the event that changed it, so the last event
 * of a burst can arrive before its record does), and once the worker has resumed what was under
 * way at start-up (`onReady` first).
 */
export function useEngineRefresh(refresh: () => void, onReady?: () => void): void {
  useEffect(() => {
    let queued = false;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const off = engine().onEvent(() => {
      clearTimeout(trailing);
      trailing = setTimeout(refresh, 250);
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        refresh();
      });
    });
    void engine()
      .api.ready()
      .then(() => {
        onReady?.();
        refresh();
      });
    return () => {
      off();
      clearTimeout(trailing);
    };
  }, [refresh, onReady]);
}
