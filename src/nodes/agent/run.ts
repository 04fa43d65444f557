import { runAgent } from '../../agents/index.ts';
import { capabilityToolbox } from './tools.ts';
import type { KindExecutor } from '../kind.ts';
import type { agent } from './schema.ts';

export const runAgentNode: KindExecutor<typeof agent> = async (x) => ({
  output: await runAgent(x, x.node.data.tools.length > 0 ? capabilityToolbox(x) : undefined),
});
