import { evaluate } from '../../engine/expressions.ts';
import type { KindExecutor } from '../kind.ts';
import type { output } from './schema.ts';

export const runOutput: KindExecutor<typeof output> = async ({ node, scope }) => ({
  output: (await evaluate(node.data.value, scope, 'value')) ?? null,
  status: node.data.status,
});
