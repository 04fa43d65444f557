import type { RunContext } from './context.ts';
import { EngineError } from './errors.ts';
import type { Checkpoint, ContextChanges, RunStore } from './store.ts';

/** The context's maps that steps write key by key. */
export const contextMaps = [
  'nodes',
  'inputs',
  'visits',
  'from',
  'errors',
  'loops',
  'joins',
] as const;
export type ContextMap = (typeof contextMaps)[number];

interface PersistedChild {
  snapshot?: { input?: { node?: string; context?: unknown } };
}
interface Persisted {
  context: RunContext;
  children?: Record<string, PersistedChild>;
}

/**
 * Drops the context from in-flight node actors' inputs (the snapshot holds it once already);
 * `restoreChildren` puts it back.
 */
export function stripChildren(persisted: unknown): unknown {
  const snapshot = persisted as Persisted;
  const children: Record<string, PersistedChild> = {};
  for (const [id, child] of Object.entries(snapshot.children ?? {})) {
    const input = child.snapshot?.input;
    children[id] = input?.context
      ? { ...child, snapshot: { ...child.snapshot, input: { node: input.node } } }
      : child;
  }
  return { ...snapshot, children };
}

function restoreChildren(snapshot: Persisted): Persisted {
  for (const child of Object.values(snapshot.children ?? {})) {
    const input = child.snapshot?.input;
    if (child.snapshot && input?.node !== undefined)
      child.snapshot.input = { node: input.node, context: snapshot.context };
  }
  return snapshot;
}

/** Applies one step's changes to a context, in place. */
function applyChanges(context: RunContext, changes: ContextChanges): void {
  for (const [map, values] of Object.entries(changes.maps))
    Object.assign(context[map as ContextMap], values);
  if ('result' in changes) context.result = changes.result as RunContext['result'];
  if ('failure' in changes) context.failure = changes.failure as RunContext['failure'];
}

/**
 * The snapshot to restore a run from, as of its latest checkpoint at or before `atOrBefore`: the
 * nearest full checkpoint with the deltas after it applied in order.
 */
export async function loadSnapshot(
  store: RunStore,
  runId: string,
  atOrBefore?: number,
): Promise<{ checkpoint: Checkpoint; snapshot: unknown } | undefined> {
  const latest = await store.checkpoint(runId, atOrBefore);
  if (!latest) return undefined;
  // One range read from the chain's full checkpoint, then follow `prev` (a replaced checkpoint
  // may sit in the range without being part of the chain).
  const range =
    latest.kind === 'delta' && latest.base !== undefined
      ? await store.checkpoints(runId, { from: latest.base, to: latest.seq })
      : [];
  const bySeq = new Map(range.map((c) => [c.seq, c]));
  const deltas: Checkpoint[] = [];
  let at: Checkpoint | undefined = latest;
  while (at?.kind === 'delta') {
    deltas.push(at);
    at =
      at.prev === undefined
        ? undefined
        : (bySeq.get(at.prev) ?? (await store.checkpoint(runId, at.prev)));
  }
  if (!at)
    throw new EngineError(
      'broken-checkpoints',
      `run "${runId}" has a delta checkpoint without the full one it builds on`,
    );
  const context = structuredClone((at.snapshot as Persisted).context);
  for (const delta of deltas.reverse()) applyChanges(context, delta.changes ?? { maps: {} });
  const shell = structuredClone(latest.snapshot) as Persisted;
  return { checkpoint: latest, snapshot: restoreChildren({ ...shell, context }) };
}

/** The context inside a restored snapshot. */
export const contextOf = (snapshot: unknown): RunContext => (snapshot as Persisted).context;
