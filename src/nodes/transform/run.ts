import { evaluate, render } from '../../engine/expressions.ts';
import type { KindExecutor } from '../kind.ts';
import type { transform } from './schema.ts';

export const runTransform: KindExecutor<typeof transform> = async ({ node, scope }) => ({
  output:
    node.data.language === 'jsonata'
      ? ((await evaluate(node.data.expression, scope, 'expression')) ?? null)
      : await render(node.data.template, scope, 'template'),
});
