import type { RunRecord } from '../engine/index.ts';

/**
 * A run as listings and record notices carry it: everything but the flow document and the input,
 * which a 300-node flow makes the bulk of a record. `run()` gives the whole record.
 */
export type RunSummary = Omit<RunRecord, 'flow' | 'input'>;

export function summarize(record: RunRecord): RunSummary {
  const { flow: _flow, input: _input, ...summary } = record;
  return summary;
}
