import type { ApprovalDecision, ApprovalRequest, EffectRecord } from './executor.ts';
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
  readonly status: 'pending' | 'decided';
  readonly decision?: ApprovalDecision;
  /** Whether the timeout default (`hold`) was already applied once. */
  readonly timedOut?: boolean;
  readonly createdAt: number;
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
}
