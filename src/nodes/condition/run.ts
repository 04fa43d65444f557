import { evaluate } from '../../engine/expressions.ts';
import type { KindExecutor } from '../kind.ts';
import type { condition } from './schema.ts';

/** Leaves by the first branch whose expression is truthy (JSONata truthiness), else by `else`. */
export const runCondition: KindExecutor<typeof condition> = async ({ node, scope }) => {
  for (const [i, branch] of node.data.branches.entries()) {
    const value = await evaluate(branch.when, scope, `branches[${i}].when`);
    if (
      value !== undefined &&
      value !== null &&
      value !== false &&
      value !== 0 &&
      value !== '' &&
      !(Array.isArray(value) && value.length === 0)
    ) {
      return { port: branch.id, output: scope.input };
    }
  }
  return { port: 'else', output: scope.input };
};
