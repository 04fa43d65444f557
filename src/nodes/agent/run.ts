import { runAgent, type AgentData } from '../../agents/index.ts';
import type { Executor } from '../../engine/executor.ts';
import { capabilityToolbox } from './tools.ts';

export const runAgentNode: Executor<AgentData> = async (x) => ({
  output: await runAgent(x, x.node.data.tools.length > 0 ? capabilityToolbox(x) : undefined),
});
