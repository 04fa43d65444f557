import { useSyncExternalStore } from 'react';

// The Connections view is one dialog for the whole page, opened from the header, the run panel
// and the palette (which may ask for a tab).
let open = false;
let tab: string | undefined;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  open = next;
  for (const listener of listeners) listener();
}

/** Opens the view, on `tab` when given (its id, e.g. `mcp`), else where it opens by default. */
export const openConnections = (on?: string) => {
  tab = on;
  set(true);
};
export const closeConnections = () => set(false);

/** The tab the view was asked to open on, if any. */
export const requestedTab = (): string | undefined => tab;

export function useConnectionsOpen(): boolean {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    () => open,
  );
}
