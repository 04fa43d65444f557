import { roundKey, type JoinState, type LoopState, type RunContext } from './context.ts';
import { immutable } from './immutable.ts';
import type { StateConfig } from './compile/compile.ts';
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

const empty = Object.freeze({});
/** Shells of active snapshots whose state value is one state: most steps', shared by checkpoints. */
const plainShells = new Map<string, Record<string, unknown>>();

/**
 * The persisted XState snapshot without its context, as `getPersistedSnapshot` gives it for these
 * machines (no invoked or spawned children, no history states), built directly: XState's copies
 * the snapshot field by field, which cost a step several microseconds. It is immutable, so a
 * step in a plain state shares the one shell of that state with every other such step.
 */
export function shellOf(snapshot: {
  status: string;
  value: unknown;
  output?: unknown;
  error?: unknown;
}): Record<string, unknown> {
  const plain =
    snapshot.status === 'active' &&
    typeof snapshot.value === 'string' &&
    snapshot.output === undefined &&
    snapshot.error === undefined;
  const kept = plain ? plainShells.get(snapshot.value as string) : undefined;
  if (kept) return kept;
  const shell: Record<string, unknown> = { status: snapshot.status };
  if (snapshot.output !== undefined) shell['output'] = snapshot.output;
  if (snapshot.error !== undefined) shell['error'] = snapshot.error;
  shell['value'] = immutable(snapshot.value);
  shell['historyValue'] = empty;
  shell['context'] = empty;
  shell['children'] = empty;
  Object.freeze(shell);
  if (plain) {
    // State names come from a few flows at a time; keep the table from growing without bound.
    if (plainShells.size >= 10_000) plainShells.clear();
    plainShells.set(snapshot.value as string, shell);
  }
  return shell;
}

/** Applies one step's changes to a context, in place (whatever store they come from). */
function applyChanges(context: RunContext, changes: ContextChanges): void {
  for (const [map, values] of Object.entries(changes.maps)) {
    const into = (context[map as ContextMap] ??= {}) as Record<string, unknown>;
    for (const key in values) into[key] = immutable(values[key]);
  }
  if ('result' in changes) context.result = immutable(changes.result) as RunContext['result'];
  if ('failure' in changes) context.failure = immutable(changes.failure) as RunContext['failure'];
}

/** A context to run on from a checkpoint's: its maps its own, their values immutable. */
function liveContext(stored: RunContext): RunContext {
  const context: Record<string, unknown> = {};
  for (const key in stored) {
    const value = (stored as unknown as Record<string, unknown>)[key];
    if (!(contextMaps as readonly string[]).includes(key)) context[key] = immutable(value);
    else {
      const map: Record<string, unknown> = {};
      for (const k in value as Record<string, unknown>)
        map[k] = immutable((value as Record<string, unknown>)[k]);
      context[key] = map;
    }
  }
  return context as unknown as RunContext;
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
  const context = liveContext((at.snapshot as Persisted).context);
  for (const delta of deltas.reverse()) applyChanges(context, delta.changes ?? { maps: {} });
  const snapshot: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(latest.snapshot as Record<string, unknown>))
    if (key !== 'context') snapshot[key] = structuredClone(value);
  snapshot['context'] = context;
  return { checkpoint: latest, snapshot: upgrade(snapshot as unknown as Persisted) };
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
    results.forEach((value, i) => (context.rounds[roundKey(id, i)] = immutable(value)));
    context.loops[id] = immutable(state);
  }
  for (const [id, join] of Object.entries(context.joins)) {
    const { arrived, need } = join as JoinState & { arrived?: Record<string, unknown> };
    if (!arrived) continue;
    const entries = Object.entries(arrived);
    entries.forEach(([branch, value], i) => {
      context.arrivals[`${id}:${i + 1}`] = immutable({ branch, value });
    });
    context.joins[id] = immutable({ need, count: entries.length });
  }
  snapshot.children = {};
  return snapshot;
}

/**
 * Fits a snapshot written before fan-outs of task branches were one state (`<fork>:fork` was
 * always a parallel state, one region per branch) to a machine where they are: each region's
 * state becomes that branch's position in `context.branches`. Other snapshots are left as they are.
 * Returns the snapshot and the `branches` keys it set.
 */
export function fitToMachine(
  snapshot: unknown,
  machine: StateConfig,
): { snapshot: unknown; branches: string[] } {
  const set: string[] = [];
  const tracked = new Set<string>();
  const collect = (states: unknown) => {
    for (const [key, state] of Object.entries((states ?? {}) as Record<string, StateConfig>)) {
      if (key.endsWith(':fork') && state['type'] !== 'parallel') tracked.add(key);
      collect(state['states']);
    }
  };
  collect(machine['states']);
  const persisted = snapshot as Persisted;
  const fit = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    const [key, regions] = entries[0] ?? [];
    if (entries.length === 1 && key && tracked.has(key) && regions && typeof regions === 'object') {
      const fork = key.slice(0, -':fork'.length);
      for (const [branch, at] of Object.entries(regions as Record<string, unknown>)) {
        set.push(`${fork}:${branch}`);
        persisted.context.branches[`${fork}:${branch}`] =
          typeof at === 'string' && at !== 'arrived' ? at : null;
      }
      return key;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, fit(v)]));
  };
  const value = fit(persisted.value);
  return set.length > 0
    ? { snapshot: { ...persisted, value }, branches: set }
    : { snapshot, branches: set };
}

/** The context inside a restored snapshot. */
export const contextOf = (snapshot: unknown): RunContext => (snapshot as Persisted).context;
