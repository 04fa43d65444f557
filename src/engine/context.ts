import type { ErrorData } from './executor.ts';

export interface LoopState {
  /** Rounds started so far. */
  i: number;
  readonly max: number;
  /** With `map`: the list; with `repeat`: null. */
  readonly items: readonly unknown[] | null;
  /** What came back to `again`, round by round. */
  results: unknown[];
  /** What the body gets next round (repeat: the last value back). */
  value: unknown;
}

export interface JoinState {
  /** Branch id → what that branch delivered. */
  arrived: Record<string, unknown>;
  readonly need: number;
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
  joins: Record<string, JoinState>;
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
    joins: {},
    result: null,
    failure: null,
  };
}
