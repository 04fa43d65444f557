import { useEffect } from 'react';
import { readBundle, type RunBundle } from '../debug/bundle.ts';

/** The demo runs shipped beside the templates (`npm run demos` records them), by flow id. */
const files = import.meta.glob<string>('../../../examples/recordings/*.aios-run.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

export const recordings: ReadonlyMap<string, RunBundle> = new Map(
  Object.values(files).flatMap((text) => {
    const read = readBundle(text);
    // A recording that no longer opens is left out rather than shown broken (a test guards it).
    return read.ok ? [[read.bundle.run.flowId, read.bundle] as const] : [];
  }),
);

/** A recording's run says so in its id; it was made with scripted answers and sent nothing. */
export const isRecording = (runId: string): boolean => runId.startsWith('recording-');

let pending: RunBundle | null = null;
const listeners = new Set<() => void>();

/**
 * Asks the run panel to show a recording. The panel of the flow about to open may not be mounted
 * yet (each flow gets a fresh one), so the request waits until a panel takes it.
 */
export function showRecording(bundle: RunBundle): void {
  pending = bundle;
  for (const listener of listeners) listener();
}

/** Used by the run panel: opens a requested recording with `open`, once. */
export function useRecordingRequests(open: (bundle: RunBundle) => void): void {
  useEffect(() => {
    const take = () => {
      if (!pending) return;
      const bundle = pending;
      pending = null;
      open(bundle);
    };
    take();
    listeners.add(take);
    return () => {
      listeners.delete(take);
    };
  }, [open]);
}
