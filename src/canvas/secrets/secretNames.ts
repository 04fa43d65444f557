import { useSyncExternalStore } from 'react';
import { engine } from '../run/engine.ts';

/** The vault's secret names as the page knows them: never values. */
interface SecretNames {
  /** `null` until the worker has answered once. */
  readonly names: readonly string[] | null;
  readonly error: string | null;
}

let current: SecretNames = { names: null, error: null };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: SecretNames): void {
  current = next;
  for (const listener of listeners) listener();
}

/** Asks the worker for the names again; every picker on the page follows. */
export function refreshSecretNames(): Promise<void> {
  loading ??= engine()
    .api.secretList()
    .then((list) =>
      publish(
        list.ok
          ? { names: list.value.map((s) => s.name), error: null }
          : { names: current.names, error: list.error.message },
      ),
    )
    .catch((error: unknown) => publish({ names: current.names, error: String(error) }))
    .finally(() => {
      loading = null;
    });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (current.names === null) void refreshSecretNames();
  return () => listeners.delete(listener);
}

/** The vault's names, loaded on first use and shared by every picker. */
export function useSecretNames(): SecretNames {
  return useSyncExternalStore(subscribe, () => current);
}
