import type { ErrorData } from './contract/index.ts';

/** A loop's progress; replaced each round, never changed in place. */
export interface LoopState {
  /** Rounds finished so far (the round under way is number `i`, from 0). */
  readonly i: number;
  readonly max: number;
  /** With `map`: the list; with `repeat`: null. */
  readonly items: readonly unknown[] | null;
  /** What the body gets next round (repeat: the last value back). */
  readonly value: unknown;
}

/** A join's count of arrived branches; replaced, never changed in place. */
export interface JoinState {
  readonly need: number;
  readonly count: number;
}

/** The `n`-th branch to arrive at a join, and what it delivered. */
export interface Arrival {
  readonly branch: string;
  readonly value: unknown;
}

export interface RunResult {
  readonly node: string;
  readonly status: string;
  readonly value: unknown;
}

/**
 * The machine's context: everything a run knows. Plain JSON, so a checkpoint is the persisted
 * snapshot as is. The maps are updated in place by the engine's actions, which keeps a step O(1)
 * however many nodes ran before; snapshots leave the engine only as serialized copies.
 */
export interface RunContext {
  readonly runId: string;
  readonly input: unknown;
  /** Latest output of each node. */
  nodes: Record<string, unknown>;
  /** The value each node was last handed. */
  inputs: Record<string, unknown>;
  /** How many times each node was entered; part of idempotency keys. */
  visits: Record<string, number>;
  /** Which node handed each node its input, for event causes. */
  from: Record<string, string>;
  errors: Record<string, ErrorData>;
  loops: Record<string, LoopState>;
  /** `<loop>:<i>` → what came back to the loop's `again` in round `i` (from 0). */
  rounds: Record<string, unknown>;
  joins: Record<string, JoinState>;
  /** `<join>:<n>` → the `n`-th arrival (from 1) since its fork started. */
  arrivals: Record<string, Arrival>;
  /**
   * `<fork>:<branch>` → the node that branch of a fan-out tracked in context is running, or null
   * once it arrived (set when the fork starts; read while the machine is in `<fork>:fork`).
   */
  branches: Record<string, string | null>;
  result: RunResult | null;
  failure: { readonly node: string | null; readonly error: ErrorData } | null;
}

export function initialContext(runId: string, input: unknown): RunContext {
  return {
    runId,
    input,
    nodes: {},
    inputs: {},
    visits: {},
    from: {},
    errors: {},
    loops: {},
    rounds: {},
    joins: {},
    arrivals: {},
    branches: {},
    result: null,
    failure: null,
  };
}

export const roundKey = (loop: string, round: number) => `${loop}:${round}`;

/** What came back to `loop` in its first `rounds` rounds (all so far without it), in order. */
export function roundsOf(
  context: RunContext,
  loop: string,
  rounds = context.loops[loop]?.i ?? 0,
): unknown[] {
  return Array.from({ length: rounds }, (_, i) => context.rounds[roundKey(loop, i)] ?? null);
}
