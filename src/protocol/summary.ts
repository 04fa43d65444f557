import type { RunRecord } from '../engine/index.ts';

/**
 * A run as listings and record notices carry it: everything but the flow document and the input,
 * which a 300-node flow makes the bulk of a record. `run()` gives the whole record.
 *
 * A workspace server also lists runs it was asked for that no worker has taken yet: `queued`,
 * with no record (`run()` answers null), `reason` saying what asked for it (`api`, `webhook`,
 * `schedule`) and `startedAt` the time it was asked for.
 */
export type RunSummary = Omit<RunRecord, 'flow' | 'input' | 'status'> & {
  readonly status: RunRecord['status'] | 'queued';
  readonly reason?: string;
};

export function summarize(record: RunRecord): RunSummary {
  const { flow: _flow, input: _input, ...summary } = record;
  return summary;
}
