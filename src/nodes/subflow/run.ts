import { evaluate } from '../../engine/expressions.ts';
import { NodeError } from '../../engine/contract/index.ts';
import type { KindExecutor } from '../kind.ts';
import type { subflow } from './schema.ts';

export const runSubflow: KindExecutor<typeof subflow> = async (x) => {
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
