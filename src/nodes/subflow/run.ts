import { evaluate } from '../../engine/expressions.ts';
import { NodeError, type Executor } from '../../engine/executor.ts';

export const runSubflow: Executor<{ flow: string; input: string }> = async (x) => {
  if (!x.services.runFlow) throw new NodeError('no-subflows', 'subflows cannot run here');
  const input = await evaluate(x.node.data.input, x.scope, 'input');
  return {
    output: await x.services.runFlow(x.node.data.flow, input, {
      runId: x.runId,
      nodeId: x.node.id,
      visit: x.visit,
    }),
  };
};
