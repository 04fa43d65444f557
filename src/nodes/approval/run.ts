import { evaluate, render } from '../../engine/expressions.ts';
import { parseDuration } from '../common.ts';
import type { KindExecutor } from '../kind.ts';
import type { approval } from './schema.ts';

/** Asks a person, durably; leaves by `approved`, `rejected` or `draft` with the decision. */
export const runApproval: KindExecutor<typeof approval> = async (x) => {
  const { data } = x.node;
  const subject = await evaluate(data.subject, x.scope, 'subject');
  const extra = { subject, node: { id: x.node.id, label: data.label } };
  const decision = await x.services.approvals.request(
    {
      key: `${x.runId}/${x.node.id}/${x.visit}`,
      runId: x.runId,
      nodeId: x.node.id,
      reason: 'node',
      title: await render(data.title, x.scope, 'title', extra),
      preview: await render(data.preview, x.scope, 'preview', extra),
      subject,
      allowEdit: data.allowEdit,
      expiresAt: data.expiresAfter
        ? x.services.clock.now() + parseDuration(data.expiresAfter)
        : null,
      onTimeout: data.onTimeout,
      ...previousOf(x.scope.nodes[x.node.id]),
    },
    x.signal,
  );
  return {
    port: decision.decision,
    output: {
      decision: decision.decision,
      subject: decision.subject,
      feedback: decision.feedback ?? '',
      by: decision.by,
      at: decision.at,
    },
  };
};

/** In a revise loop, what was shown last time (the node's last output holds it). */
function previousOf(last: unknown): { previous?: unknown } {
  return last && typeof last === 'object' && 'subject' in last ? { previous: last.subject } : {};
}
