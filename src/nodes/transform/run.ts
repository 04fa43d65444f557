import { evaluate, render } from '../../engine/expressions.ts';
import type { Executor } from '../../engine/executor.ts';

export const runTransform: Executor<{
  language: 'jsonata' | 'liquid';
  expression: string;
  template: string;
}> = async ({ node, scope }) => ({
  output:
    node.data.language === 'jsonata'
      ? ((await evaluate(node.data.expression, scope, 'expression')) ?? null)
      : await render(node.data.template, scope, 'template'),
});
