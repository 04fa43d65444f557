import { useSyncExternalStore } from 'react';

/** Snap to grid: a preference of this browser (every flow, every tab), on unless turned off. */

const KEY = 'aios-snap-to-grid';
const listeners = new Set<() => void>();

/** The grid cards snap to: the background's dots, so a snapped card lines up with what is drawn. */
export const SNAP_GRID: [number, number] = [20, 20];

export function snapToGridOn(): boolean {
  return localStorage.getItem(KEY) !== 'off';
}

export function toggleSnapToGrid(): void {
  localStorage.setItem(KEY, snapToGridOn() ? 'off' : 'on');
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changing the preference changes it here too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useSnapToGrid(): boolean {
  return useSyncExternalStore(subscribe, snapToGridOn);
}
