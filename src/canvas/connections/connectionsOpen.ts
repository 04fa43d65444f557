import { useSyncExternalStore } from 'react';

// The Connections view is one dialog for the whole page, opened from the header and from the
// run panel.
let open = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  open = next;
  for (const listener of listeners) listener();
}

export const openConnections = () => set(true);
export const closeConnections = () => set(false);

export function useConnectionsOpen(): boolean {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    () => open,
  );
}
