import type { RunContext } from './context.ts';

interface PersistedChild {
  snapshot?: { input?: { node?: string; context?: unknown } };
}
interface Persisted {
  context: RunContext;
  children?: Record<string, PersistedChild>;
}

/**
 * A copy of a persisted XState snapshot fit for storing. In-flight node actors carry the run's
 * context as their input; it is dropped here (the snapshot has it once already) and put back by
 * `restoreSnapshot`, which halves what every checkpoint writes.
 */
export function persistSnapshot(persisted: unknown): unknown {
  const snapshot = persisted as Persisted;
  const children: Record<string, PersistedChild> = {};
  for (const [id, child] of Object.entries(snapshot.children ?? {})) {
    const input = child.snapshot?.input;
    children[id] = input?.context
      ? { ...child, snapshot: { ...child.snapshot, input: { node: input.node } } }
      : child;
  }
  return structuredClone({ ...snapshot, children });
}

/** The inverse of `persistSnapshot`: hands in-flight actors the restored context again. */
export function restoreSnapshot(stored: unknown): unknown {
  const snapshot = structuredClone(stored) as Persisted;
  for (const child of Object.values(snapshot.children ?? {})) {
    const input = child.snapshot?.input;
    if (child.snapshot && input?.node !== undefined)
      child.snapshot.input = { node: input.node, context: snapshot.context };
  }
  return snapshot;
}

/** The context inside a stored checkpoint. */
export const contextOf = (stored: unknown): RunContext => (stored as Persisted).context;
