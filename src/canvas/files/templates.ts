import { validateFlow } from '../../flow/index.ts';
import type { Flow } from '../../flow/index.ts';
import { catalog } from '../../nodes/index.ts';
import { freshFlow } from './freshFlow.ts';

export interface Template {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly flow: Flow;
}

const files = import.meta.glob<unknown>('../../../examples/*.json', {
  eager: true,
  import: 'default',
});

/**
 * The templates gallery: the example playbooks shipped in `examples/`, validated like any import
 * (an example that stops validating is left out rather than opened broken).
 */
export const templates: readonly Template[] = Object.values(files)
  .flatMap((value) => {
    const result = validateFlow(value, catalog);
    if (!result.ok) return [];
    const { flow } = result;
    return [{ id: flow.id, name: flow.name, description: flow.description, flow }];
  })
  .sort((a, b) => a.name.localeCompare(b.name));

/** A new flow from a template, with an id of its own; it opens fitted to the screen. */
export const fromTemplate = (template: Template): Flow =>
  freshFlow({ ...template.flow, viewport: { x: 0, y: 0, zoom: 1 } });
