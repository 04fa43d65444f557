import { useEffect } from 'react';
import type { RunBundle } from '../debug/bundle.ts';

/**
 * What another part of the app asks the run panel to show: a recording to play back, or a run of
 * the engine at the step a node did something (a memory it wrote).
 */
type RunRequest =
  | { readonly kind: 'recording'; readonly bundle: RunBundle }
  | { readonly kind: 'run'; readonly runId: string; readonly nodeId?: string };

let pending: RunRequest | null = null;
const listeners = new Set<() => void>();

/**
 * Asks the run panel to show something. The panel of a flow about to open may not be mounted yet
 * (each flow gets a fresh one), so the request waits until a panel takes it.
 */
export function requestRun(request: RunRequest): void {
  pending = request;
  for (const listener of listeners) listener();
}

/** Used by the run panel: takes each request once, with `handle`. */
export function useRunRequests(handle: (request: RunRequest) => void): void {
  useEffect(() => {
    const take = () => {
      if (!pending) return;
      const request = pending;
      pending = null;
      handle(request);
    };
    take();
    listeners.add(take);
    return () => {
      listeners.delete(take);
    };
  }, [handle]);
}
