import type { ApprovalRecord, RunRecord } from '../../engine/index.ts';

/**
 * The pending approvals that belong to a flow's runs: asked by one of them, or by a subflow run
 * one of them called (its id is `caller/node/visit`, so it starts with the caller's id). Approvals
 * of other flows are the inbox's, not this flow's run panel's.
 */
export function flowApprovals(
  pending: readonly ApprovalRecord[],
  runs: readonly Pick<RunRecord, 'id'>[],
): ApprovalRecord[] {
  const ids = new Set(runs.map((r) => r.id));
  return pending.filter((approval) => {
    for (let id = approval.runId; ; id = id.slice(0, id.lastIndexOf('/'))) {
      if (ids.has(id)) return true;
      if (!id.includes('/')) return false;
    }
  });
}
