import type { ApprovalDecision, ApprovalRequest, ErrorData, ExecutorEvent } from './executor.ts';

/** What happened in a run, one fact per event. The log is append-only. */
export type RunEventBody =
  | { type: 'run.started'; flowId: string; flowName: string; input: unknown }
  | { type: 'run.resumed'; fromSeq: number; reason: string }
  | { type: 'run.forked'; from: string; atSeq: number; edited: string[] }
  /** Taken back in place to its checkpoint after event `toSeq`; what came after stays in the log. */
  | { type: 'run.rewound'; toSeq: number }
  | { type: 'debug.paused'; node: string; reason: 'breakpoint' | 'step' }
  | { type: 'debug.resumed'; node: string; command: DebugCommand }
  | { type: 'run.succeeded'; node: string; status: string; output: unknown }
  | { type: 'run.failed'; node: string | null; error: ErrorData }
  | { type: 'run.stopped'; reason: string }
  | {
      type: 'node.started';
      node: string;
      kind: string;
      input: unknown;
      visit: number;
      attempt: number;
    }
  | { type: 'node.succeeded'; node: string; port: string; output: unknown; ms: number }
  | { type: 'node.failed'; node: string; error: ErrorData; attempt: number; willRetry: boolean }
  | { type: 'node.retrying'; node: string; attempt: number; delayMs: number }
  | { type: 'node.timedOut'; node: string; afterMs: number }
  | { type: 'approval.requested'; node: string; key: string; request: ApprovalRequest }
  | { type: 'approval.decided'; node: string; key: string; decision: ApprovalDecision }
  | { type: 'approval.timedOut'; node: string; key: string; applied: ApprovalRequest['onTimeout'] }
  | { type: 'compensation.started'; node: string; key: string; capability: string }
  | { type: 'compensation.completed'; node: string; key: string; capability: string }
  | { type: 'compensation.failed'; node: string; key: string; capability: string; error: ErrorData }
  | ExecutorEvent;

export type RunEvent = RunEventBody & {
  readonly runId: string;
  /** 1, 2, 3… within the run, without gaps. */
  readonly seq: number;
  /** Clock time in ms. */
  readonly at: number;
  /** The event that led to this one. */
  readonly causedBy: number | null;
};

export type RunEventType = RunEventBody['type'];

/** What a person tells a paused (or running) run. */
export type DebugCommand = 'continue' | 'step' | 'pause';
