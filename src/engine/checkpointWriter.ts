import { contextMaps, type ContextMap } from './checkpoint.ts';
import type { RunContext } from './context.ts';
import type { Checkpoint, ContextChanges } from './store.ts';

/** Deltas after which the next checkpoint is full whatever the context's size: seeks stay short. */
const MAX_DELTAS = 400;

/**
 * Decides what each step's checkpoint holds. It notes the context keys a step writes (the machine's
 * actions call `touch`), and writes them as a delta on the previous checkpoint — or everything, once
 * the deltas since the last full checkpoint add up to four times the context's size. A step then costs what it
 * changed plus, amortized, a constant, however long the run.
 */
export class CheckpointWriter {
  /** Context keys written since the last checkpoint, as map, key, map, key… (a key may repeat). */
  private dirty: string[] = [];
  private endDirty = false;
  /** The checkpoint the next delta builds on. */
  private last:
    { seq: number; prev: number | undefined; changes: ContextChanges | undefined } | undefined;
  /** How much delta was written since the last full checkpoint, and the seq it sits at. */
  private sinceFull = 0;
  /** Deltas written since the last full checkpoint. */
  private deltas = 0;
  private base: number | undefined;
  private sizeAtFull = 0;

  constructor(private readonly runId: string) {}

  /** Continues a chain from a stored checkpoint (after a resume). */
  resumeFrom(checkpoint: Checkpoint): void {
    this.last = { seq: checkpoint.seq, prev: undefined, changes: undefined };
    this.base = checkpoint.kind === 'delta' ? checkpoint.base : checkpoint.seq;
    // The count since the full checkpoint is unknown here: write the next full one soon.
    this.sinceFull = checkpoint.kind === 'delta' ? Number.MAX_SAFE_INTEGER : 0;
  }

  touch(map: ContextMap, key: string): void {
    this.dirty.push(map, key);
  }

  /** Notes that a step set the run's result or failure. */
  touchEnd(): void {
    this.endDirty = true;
  }

  /**
   * The checkpoint after event `seq`, given the persisted snapshot without its context; it is
   * frozen through and through and shares the context's values (never changed in place).
   */
  next(seq: number, at: number, shell: Record<string, unknown>, context: RunContext): Checkpoint {
    const live: Record<string, Record<string, unknown>> = {};
    const dirty = this.dirty;
    for (let i = 0; i < dirty.length; i += 2) {
      const map = dirty[i] as ContextMap;
      const key = dirty[i + 1]!;
      (live[map] ??= {})[key] = (context[map] as Record<string, unknown>)[key];
    }
    const changed = dirty.length / 2;
    for (const map in live) Object.freeze(live[map]);
    let changes: ContextChanges = this.endDirty
      ? { maps: live, result: context.result, failure: context.failure }
      : { maps: live };
    this.dirty = [];
    this.endDirty = false;
    let prev = this.last?.seq;
    // Two checkpoints at one seq: the later replaces the earlier, so it must carry both steps' changes.
    if (this.last && this.last.seq === seq) {
      prev = this.last.prev;
      if (this.last.changes) changes = mergeChanges(this.last.changes, changes);
    }
    this.sinceFull += changed + 1;
    // A checkpoint replacing one at the same seq does not lengthen the chain.
    if (this.last?.seq !== seq) this.deltas++;
    // The context's size at the last full checkpoint sets the next one's distance (counting keys
    // every step would make steps cost more as runs grow; a full one copies them all anyway):
    // deltas of four times that size, so a step copies about one key of a full one (copying a
    // large map costs ~0.3 µs a key), and a seek applies at most that many, in at most
    // `MAX_DELTAS` checkpoints.
    if (
      prev === undefined ||
      this.base === undefined ||
      this.sinceFull >= Math.max(64, 4 * this.sizeAtFull) ||
      this.deltas > MAX_DELTAS
    ) {
      this.sinceFull = 0;
      this.deltas = 0;
      this.base = seq;
      this.sizeAtFull = contextMaps.reduce((n, map) => n + Object.keys(context[map]).length, 0);
      this.last = { seq, prev: undefined, changes: undefined };
      const snapshot: Record<string, unknown> = {};
      for (const key in shell) snapshot[key] = shell[key];
      snapshot['context'] = frozenContext(context);
      return Object.freeze({
        runId: this.runId,
        seq,
        at,
        kind: 'full',
        snapshot: Object.freeze(snapshot),
      });
    }
    Object.freeze(changes.maps);
    changes = Object.freeze(changes);
    this.last = { seq, prev, changes };
    return Object.freeze({
      runId: this.runId,
      seq,
      at,
      kind: 'delta',
      snapshot: shell,
      prev,
      base: this.base,
      changes,
    });
  }
}

/**
 * The context as a checkpoint holds it: its maps copied and frozen (their values, and its other
 * members, are immutable already: the machine's actions make them so).
 */
function frozenContext(context: RunContext): RunContext {
  const copy: Record<string, unknown> = {};
  for (const key in context) {
    const value = (context as unknown as Record<string, unknown>)[key];
    copy[key] = (contextMaps as readonly string[]).includes(key)
      ? Object.freeze(Object.assign({}, value))
      : value;
  }
  return Object.freeze(copy) as unknown as RunContext;
}

function mergeChanges(a: ContextChanges, b: ContextChanges): ContextChanges {
  const maps: Record<string, Record<string, unknown>> = Object.assign({}, a.maps);
  for (const [map, values] of Object.entries(b.maps))
    maps[map] = Object.assign({}, maps[map], values);
  if ('result' in b) return { maps, result: b.result, failure: b.failure };
  if ('result' in a) return { maps, result: a.result, failure: a.failure };
  return { maps };
}
