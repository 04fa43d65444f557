import type { RunEvent } from '../../engine/index.ts';
import { valueOf } from '../../protocol/index.ts';
import { engine } from '../run/engine.ts';

/**
 * A run's whole story for comparison: a fork's log starts at its fork point, so the parent's
 * events up to there come first, then the edited outputs (as the fork's first checkpoint holds
 * them), then the fork's own events.
 */
export async function lineage(runId: string, depth = 0): Promise<RunEvent[]> {
  const { api } = engine();
  const [record, own] = await Promise.all([
    valueOf(api.run({ runId })),
    valueOf(api.events({ runId })),
  ]);
  if (!record?.parent || depth > 20) return own;
  const before = (await lineage(record.parent.runId, depth + 1)).filter(
    (e) => e.seq <= (record.parent?.seq ?? 0),
  );
  const forked = own[0];
  const edited = forked?.type === 'run.forked' ? forked.edited : [];
  const state = edited.length > 0 ? await api.stateAt({ runId, seq: 1 }) : null;
  const edits: RunEvent[] = state?.ok
    ? edited.map((node) => ({
        type: 'node.succeeded',
        node,
        port: 'out',
        output: state.value.context.nodes[node],
        ms: 0,
        runId,
        seq: 0,
        at: forked?.at ?? 0,
        causedBy: null,
      }))
    : [];
  return [...before, ...edits, ...own];
}
