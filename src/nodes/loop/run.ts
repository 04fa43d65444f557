import { evaluate } from '../../engine/expressions.ts';
import { NodeError } from '../../engine/contract/index.ts';
import type { KindExecutor } from '../kind.ts';
import type { loop } from './schema.ts';

/** Prepares a loop: the list to go through (`map`), or nothing (`repeat`). The engine does the rounds. */
export const runLoop: KindExecutor<typeof loop> = async ({ node, scope }) => {
  if (node.data.mode === 'repeat') return { output: { items: null } };
  const items = await evaluate(node.data.items, scope, 'items');
  if (items === undefined || items === null) return { output: { items: [] } };
  if (!Array.isArray(items))
    throw new NodeError('not-a-list', `items gave ${typeof items}, not a list`, { path: 'items' });
  return { output: { items } };
};
