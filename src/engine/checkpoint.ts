import { roundKey, type JoinState, type LoopState, type RunContext } from './context.ts';
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
  'rounds',
  'joins',
  'arrivals',
  'branches',
] as const;
export type ContextMap = (typeof contextMaps)[number];

interface Persisted {
  value?: unknown;
  context: RunContext;
  children?: Record<string, unknown>;
}

/**
 * The nodes running in a snapshot: every active node state, and in a fan-out tracked in context
 * (its `<fork>:fork` state is a leaf) the node each unfinished branch stands at.
 */
export function runningNodes(snapshot: unknown): string[] {
  const { value, context } = snapshot as Persisted;
  const nodes: string[] = [];
  const leaf = (key: string) => {
    if (key.endsWith(':fork')) {
      const prefix = `${key.slice(0, -':fork'.length)}:`;
      for (const [branch, node] of Object.entries(context.branches ?? {}))
        if (node !== null && branch.startsWith(prefix)) nodes.push(node);
    } else if (!key.includes(':') && key !== 'arrived') nodes.push(key);
  };
  // A state value names a leaf as a string, and a state with active children as a key.
  const walk = (below: unknown) => {
    if (typeof below === 'string') return leaf(below);
    for (const [key, child] of Object.entries((below ?? {}) as Record<string, unknown>))
      if (typeof child === 'object' && child !== null && Object.keys(child).length === 0) leaf(key);
      else walk(child);
  };
  walk(value);
  return nodes;
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
  return { checkpoint: latest, snapshot: upgrade({ ...shell, context }) };
}

/**
 * Brings a snapshot written by an earlier engine up to date: nodes were invoked actors then (their
 * snapshots are dropped: the nodes start again as in-flight nodes always do), a loop kept its
 * results as one list and a join its arrivals as one map (now a key per round and per arrival),
 * and the maps added since are filled in empty.
 */
function upgrade(snapshot: Persisted): Persisted {
  const context = snapshot.context;
  const maps = context as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const map of contextMaps) maps[map] ??= {};
  for (const [id, loop] of Object.entries(context.loops)) {
    const { results, ...state } = loop as LoopState & { results?: unknown[] };
    if (!results) continue;
    results.forEach((value, i) => (context.rounds[roundKey(id, i)] = value));
    context.loops[id] = state;
  }
  for (const [id, join] of Object.entries(context.joins)) {
    const { arrived, need } = join as JoinState & { arrived?: Record<string, unknown> };
    if (!arrived) continue;
    const entries = Object.entries(arrived);
    entries.forEach(([branch, value], i) => {
      context.arrivals[`${id}:${i + 1}`] = { branch, value };
    });
    context.joins[id] = { need, count: entries.length };
  }
  snapshot.children = {};
  return snapshot;
}

/** The context inside a restored snapshot. */
export const contextOf = (snapshot: unknown): RunContext => (snapshot as Persisted).context;
