import jsonata from 'jsonata';
import { Liquid } from 'liquidjs';
import { NodeError, type Scope } from './contract/index.ts';

const liquid = new Liquid({ strictFilters: true, ownPropertyOnly: true });
const compiledExpressions = new Map<string, ReturnType<typeof jsonata>>();
const compiledTemplates = new Map<string, ReturnType<Liquid['parse']>>();

function bindings(scope: Scope): Record<string, unknown> {
  return { input: scope.input, run: scope.run, nodes: scope.nodes, loop: scope.loop ?? null };
}

/**
 * Evaluates a JSONata expression with `$` = the node's input and `$run`, `$nodes`, `$loop`,
 * `$input` bound. JSONata reaches only the data it is given: no globals, no `eval`.
 * @example await evaluate('$.price * 2', scope) // 42
 */
export async function evaluate(
  expression: string,
  scope: Scope,
  where = 'expression',
): Promise<unknown> {
  let compiled = compiledExpressions.get(expression);
  try {
    if (!compiled) {
      compiled = jsonata(expression);
      if (compiledExpressions.size > 5_000) compiledExpressions.clear();
      compiledExpressions.set(expression, compiled);
    }
    return await compiled.evaluate(scope.input, bindings(scope));
  } catch (error) {
    const e = error as { message?: string; position?: number };
    throw new NodeError(
      'expression',
      `${where}: ${e.message ?? String(error)}${e.position !== undefined ? ` (at character ${e.position})` : ''}`,
      { path: where },
    );
  }
}

/**
 * Renders a Liquid template over `input`, `run`, `nodes`, `loop` (and any `extra` names).
 * @example await render('Hello {{ input.name }}', scope) // 'Hello Ada'
 */
export async function render(
  template: string,
  scope: Scope,
  where = 'template',
  extra: Record<string, unknown> = {},
): Promise<string> {
  let compiled = compiledTemplates.get(template);
  try {
    if (!compiled) {
      compiled = liquid.parse(template);
      if (compiledTemplates.size > 5_000) compiledTemplates.clear();
      compiledTemplates.set(template, compiled);
    }
    return String(await liquid.render(compiled, { ...bindings(scope), ...extra }));
  } catch (error) {
    throw new NodeError(
      'template',
      `${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      { path: where },
    );
  }
}

const SINGLE_VALUE = /^\s*\{\{\s*([A-Za-z_][\w.[\]"'-]*)\s*\}\}\s*$/;

/**
 * A field mapped to exactly one `{{ path }}` receives the value itself (a list stays a list);
 * any other template renders to text.
 * @example await resolveField('{{ input.lines }}', scope) // [{...}, {...}]
 */
export async function resolveField(
  template: string,
  scope: Scope,
  where: string,
): Promise<unknown> {
  const single = SINGLE_VALUE.exec(template);
  if (single) {
    try {
      return await liquid.evalValue(single[1]!, bindings(scope));
    } catch (error) {
      throw new NodeError(
        'template',
        `${where}: ${error instanceof Error ? error.message : String(error)}`,
        { path: where },
      );
    }
  }
  return render(template, scope, where);
}
