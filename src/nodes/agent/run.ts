import { runAgent, type AgentData } from '../../agents/index.ts';
import type { Executor } from '../../engine/executor.ts';

export const runAgentNode: Executor<AgentData> = async (x) => ({ output: await runAgent(x) });
