import type { ApprovalDecision, ApprovalRequest, EffectRecord } from './contract/index.ts';
import type { RunEvent } from './events.ts';
import type * as z from 'zod';
import type {
  breakpointSchema,
  checkpointSchema,
  contextChangesSchema,
  debugStateSchema,
  runRecordSchema,
  runStatusSchema,
} from './records.ts';

export type RunStatus = z.infer<typeof runStatusSchema>;

/** Statuses a run does not leave by itself (a roll-back may still undo its effects). */
export const finalStatuses: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'succeeded',
  'failed',
  'compensated',
  'stopped',
]);

export type Breakpoint = Readonly<z.infer<typeof breakpointSchema>>;
export type DebugState = Readonly<z.infer<typeof debugStateSchema>>;
/** A run as stored (`runRecordSchema`): the flow it ran, its status, result and usage. */
export type RunRecord = Readonly<z.infer<typeof runRecordSchema>>;

export type ContextChanges = Readonly<z.infer<typeof contextChangesSchema>>;
/** The state after a step (`checkpointSchema`): a full snapshot, or a delta since `prev`. */
export type Checkpoint = Readonly<z.infer<typeof checkpointSchema>>;

export interface ApprovalRecord {
  readonly key: string;
  readonly runId: string;
  readonly nodeId: string;
  readonly request: ApprovalRequest;
  /** `closed`: its run stopped before anyone decided; it can no longer be decided. */
  readonly status: 'pending' | 'decided' | 'closed';
  readonly decision?: ApprovalDecision;
  /** Why and when it was closed (clock time). */
  readonly closed?: { readonly reason: string; readonly at: number };
  /** Whether the timeout default (`hold`) was already applied once. */
  readonly timedOut?: boolean;
  readonly createdAt: number;
}

/** What one step of a run makes durable together: its events, its checkpoints, its record. */
export interface StepCommit {
  /** They continue the run's log without gaps. */
  readonly events: readonly RunEvent[];
  /** In seq order, none after the last event's seq. */
  readonly checkpoints: readonly Checkpoint[];
  readonly run?: RunRecord;
}

/**
 * Where runs live: their records, immutable event logs, checkpoints, the effects ledger and
 * pending approvals. In the browser an IndexedDB implementation; in Node and tests, in memory or
 * files. Each method is durable when its promise resolves.
 */
export interface RunStore {
  putRun(run: RunRecord): Promise<void>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(filter?: { flowId?: string; status?: readonly RunStatus[] }): Promise<RunRecord[]>;
  /** Appends events; `seq` must continue the run's log without gaps. */
  appendEvents(events: readonly RunEvent[]): Promise<void>;
  events(runId: string, range?: { from?: number; to?: number }): Promise<RunEvent[]>;
  lastSeq(runId: string): Promise<number>;
  putCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** The latest checkpoint at or before `seq` (the latest of all without it). */
  checkpoint(runId: string, atOrBefore?: number): Promise<Checkpoint | undefined>;
  /** The run's checkpoints with `from <= seq <= to`, in seq order. */
  checkpoints(runId: string, range: { from: number; to: number }): Promise<Checkpoint[]>;
  getEffect(key: string): Promise<EffectRecord | undefined>;
  putEffect(effect: EffectRecord): Promise<void>;
  effects(runId: string): Promise<EffectRecord[]>;
  getApproval(key: string): Promise<ApprovalRecord | undefined>;
  putApproval(approval: ApprovalRecord): Promise<void>;
  approvals(filter?: {
    runId?: string;
    status?: ApprovalRecord['status'];
  }): Promise<ApprovalRecord[]>;
  /**
   * Writes a step's events, checkpoints and record in one transaction: all of them or, when the
   * events would leave a gap or the write fails, none. Optional: `commitStep` falls back to the
   * separate writes, events first, so a store without it stays correct (one transaction less safe).
   */
  commit?(step: StepCommit): Promise<void>;
}

/**
 * Makes a step durable through `store.commit`, or, for stores without it, by appending the events,
 * then putting the checkpoints, then the record: a crash between them leaves checkpoints behind
 * their events, never ahead, and a record never ahead of the events that led to it.
 */
export async function commitStep(store: RunStore, step: StepCommit): Promise<void> {
  if (store.commit) return store.commit(step);
  if (step.events.length > 0) await store.appendEvents(step.events);
  for (const checkpoint of step.checkpoints) await store.putCheckpoint(checkpoint);
  if (step.run) await store.putRun(step.run);
}
