import { useEffect, useState, useSyncExternalStore } from 'react';
import type { IndexedMemory } from '../../memory/store.ts';
import type { MemoryService, ServiceState } from './service.ts';

export function useServiceState(service: MemoryService): ServiceState {
  return useSyncExternalStore(service.subscribe, service.snapshot);
}

/** Loads `query` from memory, again whenever the memory changed or `key` did. */
export function useMemoryQuery<T>(
  service: MemoryService,
  query: (memory: IndexedMemory) => Promise<T>,
  initial: T,
  key?: unknown,
): T {
  const { version } = useServiceState(service);
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let live = true;
    query(service.memory).then(
      (v) => live && setValue(v),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // `query` is recreated each render; the version says when to reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service, version, key]);
  return value;
}
