import { NodeError } from '../engine/index.ts';
import { validateFlow, type Flow } from '../flow/index.ts';
import { catalog } from '../nodes/index.ts';
import type { LoadedFlow } from '../storage/flows.ts';

/** Where subflows come from: the saved flows (`FlowLibrary`, the same IndexedDB the editor saves to). */
export interface SavedFlows {
  load(id: string): Promise<LoadedFlow>;
}

/**
 * The engine's `loadFlow` over the saved flows. A subflow is checked like any flow the run panel
 * starts (its saved copy may be older than this code, or half-finished), and a flow that cannot
 * run fails the Subflow node with a message naming it.
 * @example const engine = createEngine({ store, services, loadFlow: subflowLoader(new FlowLibrary()) });
 */
export function subflowLoader(library: SavedFlows): (id: string) => Promise<Flow> {
  return async (id) => {
    const loaded = await library.load(id);
    if (!loaded.ok)
      throw new NodeError(
        'unknown-flow',
        `subflow: ${loaded.message}; choose a saved flow in the Subflow node's settings`,
        { path: 'flow' },
      );
    const checked = validateFlow(loaded.flow, catalog);
    if (!checked.ok) {
      const first = checked.issues.find((i) => i.severity === 'error');
      throw new NodeError(
        'invalid-subflow',
        `subflow "${loaded.flow.name}" (${id}) has errors${first ? `, first at ${first.path || 'the document'}: ${first.message}` : ''}; open it to fix them`,
        { path: 'flow' },
      );
    }
    return checked.flow;
  };
}
