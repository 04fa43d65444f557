import { evaluate } from '../../engine/expressions.ts';
import type { Executor } from '../../engine/executor.ts';

export const runOutput: Executor<{ value: string; status: string }> = async ({ node, scope }) => ({
  output: (await evaluate(node.data.value, scope, 'value')) ?? null,
  status: node.data.status,
});
