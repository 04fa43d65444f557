import type * as z from 'zod';
import type { executorEventSchemas } from '../eventSchema.ts';
import type { Flow } from '../../flow/index.ts';
import type { Services } from './services.ts';
import type { Usage } from './usage.ts';

/** Events executors add to the run's log (the engine stamps sequence, time and cause). */
export type ExecutorEvent = Readonly<z.infer<(typeof executorEventSchemas)[number]>>;

/** What a node's template or expression can see. */
export interface Scope {
  readonly input: unknown;
  readonly run: { readonly id: string; readonly input: unknown };
  readonly nodes: Readonly<Record<string, unknown>>;
  readonly loop?: {
    readonly index: number;
    readonly item: unknown;
    readonly results: readonly unknown[];
  };
}

/** One execution of a node. */
export interface Execution<D> {
  readonly runId: string;
  readonly node: {
    readonly id: string;
    readonly kind: string;
    readonly label: string;
    readonly data: D;
  };
  readonly flow: Flow;
  readonly scope: Scope;
  /** Which time this node runs in this run (1 for the first); part of idempotency keys. */
  readonly visit: number;
  readonly attempt: number;
  readonly signal: AbortSignal;
  readonly services: Services;
  /** What the run has used so far, for budgets. */
  readonly usage: Usage;
  log(event: ExecutorEvent): void;
  /**
   * Shows people what the node is doing while it runs (an agent's answer as it arrives): not a
   * fact, never logged or stored, and dropped when no one listens or the node has finished.
   */
  progress?(update: NodeProgress): void;
}

/** Work in progress of a running node: `text` is everything so far, not a delta. */
export interface NodeProgress {
  readonly text: string;
}

/** What an executor returns: the output and, for kinds with several outputs, the port it leaves by. */
export interface TaskResult {
  readonly output: unknown;
  readonly port?: string;
  /** For nodes that end the run: how it ended. */
  readonly status?: string;
}

export type Executor<D> = (execution: Execution<D>) => Promise<TaskResult>;
