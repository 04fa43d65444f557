import { useEffect } from 'react';
import { createStore, useStore } from '../editor/store.ts';
import { engine } from './engine.ts';

/** How much of an answer a card shows: its end, where the new text is. */
const SHOWN_CHARS = 200;

/**
 * What running nodes of the watched run are saying right now (an agent's answer as it arrives),
 * by node. Ephemeral: it comes from the worker's progress messages, not the log, and a node's
 * entry goes when the node finishes.
 */
const streams = createStore<ReadonlyMap<string, string>>(new Map());

const without = (map: ReadonlyMap<string, string>, node: string) => {
  if (!map.has(node)) return map;
  const next = new Map(map);
  next.delete(node);
  return next;
};

/** Follows the progress of run `runId` (none when null) into `streams`. */
export function useStreaming(runId: string | null): void {
  useEffect(() => {
    streams.set(new Map());
    if (!runId) return;
    const off = engine().listen((heard) => {
      if (heard.kind === 'progress') {
        const p = heard.progress;
        if (p.runId === runId)
          streams.set(new Map(streams.get()).set(p.node, p.text.slice(-SHOWN_CHARS)));
        return;
      }
      if (heard.kind !== 'event' || heard.event.runId !== runId) return;
      const e = heard.event;
      // Progress is not queued behind the log's writes, so only endings clear it.
      if (e.type === 'node.succeeded' || e.type === 'node.failed')
        streams.set(without(streams.get(), e.node));
      else if (e.type === 'run.succeeded' || e.type === 'run.failed' || e.type === 'run.stopped')
        streams.set(new Map());
    });
    return () => {
      off();
      streams.set(new Map());
    };
  }, [runId]);
}

export function useStream(node: string): string | undefined {
  return useStore(streams, (map) => map.get(node));
}
